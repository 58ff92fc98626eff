/**
 * @module
 * `requestId(app)`: an id for every request, on the environ and the response; `serverTiming(app)`:
 * a `Server-Timing` header with the app's time to first byte.
 *
 * @example
 * import { requestId, serverTiming } from '@tsgi/request-id'
 */

export { type RequestIdOptions, requestId } from './request-id.js'
export { type ServerTimingOptions, serverTiming } from './server-timing.js'
