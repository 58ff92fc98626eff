/**
 * @module
 * `cors(app, options)`: cross-origin resource sharing for a tsgi app. Preflights are answered
 * without the app, `*` is never sent with credentials, and `Vary: Origin` is sent whenever the
 * answer depends on the origin.
 *
 * @example
 * import { cors } from '@tsgi/cors'
 */

export { type CorsOptions, cors } from './cors.js'
export type { OriginOption } from './origin-option.js'
