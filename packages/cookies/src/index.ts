/**
 * @module
 * Cookies for tsgi apps: `cookiesOf(environ)` parses the request's cookies once, `setCookie` /
 * `deleteCookie` / `serializeCookie` build checked `Set-Cookie` headers, `cookieSigner` and
 * `cookieSealer` sign or encrypt values with WebCrypto, with key rotation.
 *
 * @example
 * import { cookiesOf, setCookie } from '@tsgi/cookies'
 */

export { checkSecrets, MIN_SECRET_BYTES, type Secret } from './check-secrets.js'
export { type CookieSealer, cookieSealer } from './cookie-sealer.js'
export { type CookieSigner, cookieSigner } from './cookie-signer.js'
export { cookiesOf } from './cookies-of.js'
export { type CookieOptions, serializeCookie } from './serialize-cookie.js'
export { deleteCookie, setCookie } from './set-cookie.js'
