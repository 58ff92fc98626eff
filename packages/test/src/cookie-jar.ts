import { parseSetCookie } from 'cookie'

/** A cookie as a {@link CookieJar} keeps it (RFC 6265 §5.3). */
export interface StoredCookie {
  readonly name: string
  /** The value as sent, not decoded. */
  readonly value: string
  /** The host (host-only) or the domain the cookie was set for, lower-case, without a leading dot. */
  readonly domain: string
  /** Sent only to exactly `domain` (no `Domain` attribute), not to its subdomains. */
  readonly hostOnly: boolean
  readonly path: string
  readonly secure: boolean
  readonly httpOnly: boolean
  /** When it expires, in ms since the epoch; `undefined` for a session cookie. */
  readonly expires: number | undefined
}

const identity = (value: string): string => value

/**
 * The cookies a browser would keep for one user, as Werkzeug's test client keeps them: `Domain`
 * (host-only without it; a domain that does not cover the host is refused), `Path` (the default
 * path of RFC 6265 §5.1.4 without it), `Max-Age` before `Expires`, `Secure` (only from and to
 * https), the `__Secure-` and `__Host-` prefix rules, replacement by name, domain and path, and
 * deletion by an expiry in the past. Parsed with the `cookie` package's `parseSetCookie`.
 *
 * @example
 * const jar = new CookieJar()
 * jar.store('id=1; Path=/', new URL('http://localhost/login'))
 * jar.header(new URL('http://localhost/account')) // 'id=1'
 */
export class CookieJar {
  #cookies: StoredCookie[] = []

  /** Stores one `Set-Cookie` header received from `url`; returns whether it was kept (deletions count). */
  store(setCookie: string, url: URL): boolean {
    const parsed = parseSetCookie(setCookie, { decode: identity })
    if (parsed.name === '' || parsed.value === undefined) return false
    const host = url.hostname.toLowerCase()
    const secureOrigin = url.protocol === 'https:'
    const domainAttribute = parsed.domain?.replace(/^\./, '').toLowerCase()
    if (domainAttribute !== undefined && domainAttribute !== '' && !domainMatch(host, domainAttribute)) return false
    const hostOnly = domainAttribute === undefined || domainAttribute === ''
    const path = parsed.path?.startsWith('/') ? parsed.path : defaultPath(url.pathname)
    const secure = parsed.secure === true
    if (secure && !secureOrigin) return false // rfc6265bis §5.7 step 15: only a secure origin sets Secure
    const lower = parsed.name.toLowerCase()
    if (lower.startsWith('__secure-') && !secure) return false
    if (lower.startsWith('__host-') && !(secure && hostOnly && path === '/')) return false
    const now = Date.now()
    const expires = parsed.maxAge !== undefined ? now + parsed.maxAge * 1000 : parsed.expires?.getTime() // §5.3 step 3: Max-Age wins
    const cookie: StoredCookie = {
      name: parsed.name,
      value: parsed.value,
      domain: hostOnly ? host : domainAttribute,
      hostOnly,
      path,
      secure,
      httpOnly: parsed.httpOnly === true,
      expires,
    }
    this.#cookies = this.#cookies.filter(
      (old) => !(old.name === cookie.name && old.domain === cookie.domain && old.path === cookie.path),
    )
    if (expires === undefined || expires > now) this.#cookies.push(cookie)
    return true
  }

  /** The `Cookie` header a browser sends to `url` (RFC 6265 §5.4: longer paths first), or `undefined` for none. */
  header(url: URL): string | undefined {
    const matching = this.matching(url)
    return matching.length === 0 ? undefined : matching.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ')
  }

  /** The cookies that would be sent to `url`, in the order they are sent. */
  matching(url: URL): StoredCookie[] {
    const host = url.hostname.toLowerCase()
    const now = Date.now()
    this.#cookies = this.#cookies.filter((cookie) => cookie.expires === undefined || cookie.expires > now)
    return this.#cookies
      .filter(
        (cookie) =>
          (cookie.hostOnly ? host === cookie.domain : domainMatch(host, cookie.domain)) &&
          pathMatch(url.pathname, cookie.path) &&
          (!cookie.secure || url.protocol === 'https:'),
      )
      .sort((a, b) => b.path.length - a.path.length) // stable: equal paths keep their creation order
  }

  /** The value of the first unexpired cookie named `name` (any domain and path), or `undefined`. */
  get(name: string): string | undefined {
    const now = Date.now()
    return this.#cookies.find((cookie) => cookie.name === name && (cookie.expires ?? Infinity) > now)?.value
  }

  /** Every cookie kept, expired ones dropped. */
  all(): readonly StoredCookie[] {
    const now = Date.now()
    this.#cookies = this.#cookies.filter((cookie) => cookie.expires === undefined || cookie.expires > now)
    return [...this.#cookies]
  }

  /** Forgets every cookie (a new browser profile). */
  clear(): void {
    this.#cookies = []
  }
}

/** RFC 6265 §5.1.3: the host is the domain, or a subdomain of it (never an IP address's). */
function domainMatch(host: string, domain: string): boolean {
  if (host === domain) return true
  return host.endsWith(`.${domain}`) && !/^[\d.]+$|:/.test(host)
}

/** RFC 6265 §5.1.4: the request path up to its last '/', or '/'. */
function defaultPath(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash <= 0 ? '/' : path.slice(0, slash)
}

/** RFC 6265 §5.1.4: `/app` matches `/app`, `/app/` and `/app/x`, never `/apple`. */
function pathMatch(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true
  return requestPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/')
}
