import type { HeaderList } from '@tsgi/core'
import { type CookieOptions, serializeCookie } from './serialize-cookie.js'

/**
 * Returns a new header list with one more `Set-Cookie` header (the list given is not changed, spec
 * §4.3). The header is built and checked by {@link serializeCookie}: by default `Path=/`,
 * `HttpOnly` and `SameSite=Lax`.
 *
 * @throws {TypeError} for an invalid name, value or attribute (see {@link serializeCookie}).
 * @example
 * startResponse('200 OK', setCookie([['content-type', 'text/plain']], 'theme', 'dark', { maxAge: 86400 }))
 */
export function setCookie(headers: HeaderList, name: string, value: string, options?: CookieOptions): HeaderList {
  return [...headers, ['set-cookie', serializeCookie(name, value, options)]]
}

/**
 * Returns a new header list with a `Set-Cookie` header that deletes the cookie: an empty value,
 * `Max-Age=0` and an `Expires` in 1970 (RFC 6265 §3.1). A cookie is deleted only with the same
 * name, `path` and `domain` it was set with; `secure`, `partitioned` and `sameSite` should match
 * too (a `__Host-` cookie needs `secure`).
 *
 * @throws {TypeError} for an invalid name or attribute.
 * @example
 * startResponse('303 See Other', deleteCookie([['location', '/']], 'theme'))
 */
export function deleteCookie(
  headers: HeaderList,
  name: string,
  options?: Omit<CookieOptions, 'maxAge' | 'expires'>,
): HeaderList {
  return setCookie(headers, name, '', { ...options, maxAge: 0, expires: new Date(0) })
}
