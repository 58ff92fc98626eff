import { describeValue, isHeaderName } from '@tsgi/core'
import { serialize } from 'cookie'

/** The attributes of a `Set-Cookie` header (RFC 6265 §4.1, rfc6265bis for `SameSite` and the prefixes, CHIPS for `Partitioned`). */
export interface CookieOptions {
  /** `Path`: the cookie is sent for this path and below. @default '/' */
  path?: string
  /** `Domain`: also send the cookie to subdomains of this domain. @default undefined (host-only) */
  domain?: string
  /** `Max-Age` in seconds, an integer; 0 or less deletes the cookie. @default undefined (a browser-session cookie) */
  maxAge?: number
  /** `Expires`, for clients that ignore `Max-Age`. @default undefined */
  expires?: Date
  /** `HttpOnly`: hidden from page scripts. @default true */
  httpOnly?: boolean
  /** `Secure`: sent over https only. Required by `SameSite=None`, `Partitioned` and the `__Secure-`/`__Host-` prefixes. @default false */
  secure?: boolean
  /** `SameSite`. @default 'lax' */
  sameSite?: 'strict' | 'lax' | 'none'
  /** `Partitioned` (CHIPS): kept per top-level site. Requires `secure`. @default false */
  partitioned?: boolean
  /** `Priority` (a Chrome extension). @default undefined */
  priority?: 'low' | 'medium' | 'high'
}

const SAME_SITE = new Set(['strict', 'lax', 'none'])
const PRIORITY = new Set(['low', 'medium', 'high'])

/**
 * Builds the value of a `Set-Cookie` header, checking everything first, so that nothing taken from
 * a request can add an attribute (CVE-2024-47764 in the `cookie` package: a name, path or domain
 * holding `;`). The name must be an RFC 9110 token; the value is percent-encoded (`cookiesOf`
 * decodes it); `path` and `domain` may not hold `;`, CR, LF or other controls. Browser rules are
 * enforced rather than left to silently drop the cookie: `SameSite=None` and `Partitioned` need
 * `secure`, `__Secure-` needs `secure`, and `__Host-` needs `secure`, `path: '/'` and no `domain`
 * (rfc6265bis §4.1.3, prefixes matched in any case).
 *
 * @throws {TypeError} naming the argument and what was received, for any invalid part.
 * @example
 * serializeCookie('theme', 'dark', { maxAge: 86400 }) // 'theme=dark; Max-Age=86400; Path=/; HttpOnly; SameSite=Lax'
 */
export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  const where = `serializeCookie('${typeof name === 'string' ? name : '?'}')`
  if (!isHeaderName(name)) throw new TypeError(`serializeCookie(): name must be a token, got ${describeValue(name)}`)
  if (typeof value !== 'string') throw new TypeError(`${where}: value must be a string, got ${describeValue(value)}`)
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: options must be an object, got ${describeValue(options)}`)
  }
  const { path = '/', domain, maxAge, expires, httpOnly = true, secure = false, partitioned = false } = options
  const { sameSite = 'lax', priority } = options
  checkAttributes(where, options, { prefix: prefixOf(name), path, sameSite, secure, partitioned, domain })
  if (maxAge !== undefined && !Number.isSafeInteger(maxAge)) {
    throw new TypeError(`${where}: options.maxAge must be an integer number of seconds, got ${describeValue(maxAge)}`)
  }
  if (expires !== undefined && !(expires instanceof Date && Number.isFinite(expires.getTime()))) {
    throw new TypeError(`${where}: options.expires must be a valid Date, got ${describeValue(expires)}`)
  }
  if (priority !== undefined && !PRIORITY.has(priority)) {
    throw new TypeError(`${where}: options.priority must be 'low', 'medium' or 'high', got ${describeValue(priority)}`)
  }
  try {
    return serialize(name, value, {
      path,
      httpOnly,
      secure,
      partitioned,
      sameSite,
      ...(domain === undefined ? {} : { domain }),
      ...(maxAge === undefined ? {} : { maxAge }),
      ...(expires === undefined ? {} : { expires }),
      ...(priority === undefined ? {} : { priority }),
    })
  } catch (error) {
    // The `cookie` package checks path, domain and the encoded value (a lone surrogate is a URIError).
    throw new TypeError(`${where}: ${(error as Error).message}`, { cause: error })
  }
}

function checkAttributes(
  where: string,
  options: CookieOptions,
  attributes: {
    prefix: '__Host-' | '__Secure-' | undefined
    path: string
    sameSite: string
    secure: boolean
    partitioned: boolean
    domain: string | undefined
  },
): void {
  const { prefix, path, sameSite, secure, partitioned, domain } = attributes
  for (const key of ['path', 'domain'] as const) {
    const value = options[key]
    if (value !== undefined && (typeof value !== 'string' || /[\x00-\x1f\x7f;]/.test(value))) {
      throw new TypeError(
        `${where}: options.${key} must be a string without ';' or control characters, got ${describeValue(value)}`,
      )
    }
  }
  if (!SAME_SITE.has(sameSite)) {
    throw new TypeError(`${where}: options.sameSite must be 'strict', 'lax' or 'none', got ${describeValue(sameSite)}`)
  }
  const needsSecure =
    sameSite === 'none' ? 'SameSite=None' : partitioned ? 'Partitioned' : prefix ? `the ${prefix} prefix` : undefined
  if (needsSecure !== undefined && secure !== true) {
    throw new TypeError(`${where}: ${needsSecure} requires options.secure: true (browsers drop the cookie otherwise)`)
  }
  if (prefix === '__Host-' && (path !== '/' || domain !== undefined)) {
    throw new TypeError(`${where}: the __Host- prefix requires path '/' and no domain (rfc6265bis §4.1.3.2)`)
  }
}

function prefixOf(name: string): '__Host-' | '__Secure-' | undefined {
  const lower = name.slice(0, 9).toLowerCase()
  return lower.startsWith('__host-') ? '__Host-' : lower.startsWith('__secure-') ? '__Secure-' : undefined
}
