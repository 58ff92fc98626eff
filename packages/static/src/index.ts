/**
 * @module
 * `serveStatic(root)` serves the files below a directory, safely and by RFC 9110 (ranges,
 * conditional requests, precompressed siblings); `conditional(app)` answers conditional GETs
 * for any app.
 *
 * @example
 * import { conditional, serveStatic } from '@tsgi/static'
 */

export { type ConditionalOptions, conditional } from './conditional.js'
export { serveStatic } from './serve-static.js'
export type { ServeStaticOptions } from './serve-static-options.js'
