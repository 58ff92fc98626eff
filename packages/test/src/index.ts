/**
 * @module
 * Run a tsgi app in memory, no socket, with `lint()` on: `request()` for a whole response,
 * `stream()` to read it chunk by chunk and go away early, `createEnviron()` for unit tests.
 *
 * @example
 * import { request } from '@tsgi/test'
 */

export { type Client, type ClientOptions, type ClientRequestInit, type ClientResponse, client } from './client.js'
export { CookieJar, type StoredCookie } from './cookie-jar.js'
export { createEnviron } from './create-environ.js'
export { REDIRECT_STATUSES, type RedirectStep } from './follow-redirects.js'
export { type MultipartBody, type MultipartBodyOptions, type MultipartEntry, multipartBody } from './multipart-body.js'
export { request } from './request.js'
export { stream } from './stream.js'
export type { TestBody, TestHeaders, TestRequestInit, TestResponse, TestStream } from './types.js'
