/**
 * @module
 * `timeout(app, ms)`: a deadline for an app. Its `tsgi.abort` signal aborts when the time is up;
 * before the commit the answer is a 503 (or a given app's), after it the connection is cut.
 *
 * @example
 * import { timeout } from '@tsgi/timeout'
 */

export { type TimeoutOptions, timeout } from './timeout.js'
