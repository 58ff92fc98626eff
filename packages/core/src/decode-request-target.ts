import { describe } from './_internal/describe.js'
import { type DecodePathInfoOptions, decodePathInfo } from './decode-path-info.js'
import { BadRequest } from './errors.js'

// The scheme and authority of an absolute-form target (RFC 9112 §3.2.2).
const ORIGIN = /^https?:\/\/[^/?#]*/i

/**
 * The `PATH_INFO` of a request target's path (before `?`), the one rule every server and the
 * test client apply: the absolute form (`http://host/path`, RFC 9112 §3.2.2) sent to proxies
 * loses its origin (`/` when it has no path), the asterisk form `*` is for `OPTIONS` alone
 * (RFC 9112 §3.2.4, spec §2.5.3.1), and the path is decoded with {@link decodePathInfo}.
 *
 * @throws {BadRequest} (400) for `*` with another method, or a path `decodePathInfo` refuses.
 * @throws {TypeError} if `method` or `rawPath` is not a string, or an option is invalid.
 * @example
 * decodeRequestTarget('GET', 'http://example.com/caf%C3%A9') // '/café'
 * decodeRequestTarget('GET', '*') // throws BadRequest
 */
export function decodeRequestTarget(method: string, rawPath: string, options?: DecodePathInfoOptions): string {
  if (typeof method !== 'string') {
    throw new TypeError(`decodeRequestTarget(): method must be a string, got ${describe(method)}`)
  }
  let path = rawPath
  if (typeof path === 'string' && path.charCodeAt(0) !== 0x2f && path !== '*') {
    const origin = ORIGIN.exec(path)
    // Anything else that does not start with '/' is refused by decodePathInfo with a 400.
    if (origin !== null) path = path.slice(origin[0].length) || '/'
  }
  const pathInfo = decodePathInfo(path, options)
  if (pathInfo === '*' && method !== 'OPTIONS') throw new BadRequest('The target * is only for OPTIONS')
  return pathInfo
}
