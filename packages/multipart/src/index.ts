/**
 * @module
 * `multipart/form-data` uploads (RFC 7578) for tsgi: `parts()` streams a body part by part with
 * backpressure, `readMultipart()` reads a whole form, `withTempFiles()` puts its files on disk for
 * the time of a callback. Every limit fails with a 413 naming it; nothing is truncated.
 *
 * @example
 * import { parts, readMultipart } from '@tsgi/multipart'
 */

export {
  type MultipartLimit,
  MultipartLimitError,
  type MultipartLimits,
} from './limits.js'
export type { Part } from './part.js'
export { type MultipartEnviron, parts } from './parts.js'
export {
  type MultipartForm,
  type ReadMultipartOptions,
  readMultipart,
  type UploadedFile,
} from './read-multipart.js'
export { type TempFile, type TempFilesOptions, withTempFiles } from './with-temp-files.js'
