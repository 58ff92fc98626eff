/**
 * @module
 * `bodyLimit(app, bytes)`: a request body limit for one route or mount, below the server's:
 * a declared length over it is a 413 before the app runs, a chunked body over it makes the app's
 * read reject with a 413.
 *
 * @example
 * import { bodyLimit } from '@tsgi/body-limit'
 */

export { bodyLimit } from './body-limit.js'
