/**
 * @module
 * tsgi and the Fetch API, both ways: `toFetchHandler(app)` runs a tsgi app wherever fetch-style
 * handlers run; `fromFetchHandler(handler)` mounts a fetch handler (Hono, itty-router, …) inside a
 * tsgi stack.
 *
 * @example
 * import { fromFetchHandler, toFetchHandler } from '@tsgi/fetch'
 */

export { type FetchHandler, type FromFetchHandlerOptions, fromFetchHandler } from './from-fetch-handler.js'
export { type ToFetchHandlerOptions, toFetchHandler } from './to-fetch-handler.js'
