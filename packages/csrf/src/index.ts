/**
 * @module
 * `csrf(app, options)`: refuses cross-origin requests with unsafe methods, by `Sec-Fetch-Site`
 * and `Origin`, with an allow-list; a refusal is a 403 that says why.
 *
 * @example
 * import { csrf } from '@tsgi/csrf'
 */

export { type CsrfOptions, csrf } from './csrf.js'
