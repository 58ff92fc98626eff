/**
 * @module
 * `compress(app)`: gzip, br, zstd and deflate for tsgi apps, negotiated on `Accept-Encoding`,
 * streaming chunk by chunk with a flush after each, so an event stream is never held back.
 *
 * @example
 * import { compress } from '@tsgi/compress'
 */

export { type CompressOptions, compress, type Encoding } from './compress.js'
export { compressible } from './compressible.js'
