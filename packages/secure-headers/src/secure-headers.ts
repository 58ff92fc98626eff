import { type App, describeValue, type Environ, type HeaderList, isHeaderValue, transform } from '@tsgi/core'
import { makeNonce } from './_internal/make-nonce.js'
import { type ContentSecurityPolicy, compilePolicy } from './content-security-policy.js'
import './csp-nonce.js'

/**
 * Options of {@link secureHeaders}. Each header takes its value as a string, or `false` to leave
 * it out.
 */
export interface SecureHeadersOptions {
  /**
   * `X-Content-Type-Options`: browsers must not guess a type other than `Content-Type`.
   * @default 'nosniff'
   */
  contentTypeOptions?: 'nosniff' | false
  /**
   * `Referrer-Policy`: what the browser tells other sites about where the user came from.
   * @default 'no-referrer'
   */
  referrerPolicy?: string | false
  /**
   * `Strict-Transport-Security`, sent only when `tsgi.url_scheme` is `https` (RFC 6797 §7.2: an
   * HSTS host MUST NOT send it over plain HTTP). Behind a TLS-terminating proxy, set the scheme
   * from the proxy's headers first.
   * @default 'max-age=31536000; includeSubDomains' (one year)
   */
  strictTransportSecurity?: string | false
  /**
   * `Cross-Origin-Opener-Policy`: windows this page opens, or that open it, from other origins get
   * no handle on it.
   * @default 'same-origin'
   */
  crossOriginOpenerPolicy?: string | false
  /**
   * `X-Frame-Options`: who may show the page in a frame (clickjacking). The modern form is the
   * CSP directive `frame-ancestors`; both may be sent.
   * @default 'SAMEORIGIN'
   */
  frameOptions?: 'DENY' | 'SAMEORIGIN' | false
  /**
   * `Content-Security-Policy`, as directives; `NONCE` in a source list becomes a fresh nonce per
   * request, which the app reads with `cspNonce(environ)`.
   * @default false (no policy: a wrong one breaks pages, so it is yours to write)
   */
  contentSecurityPolicy?: ContentSecurityPolicy | false
}

const DEFAULTS = {
  contentTypeOptions: 'nosniff',
  referrerPolicy: 'no-referrer',
  strictTransportSecurity: 'max-age=31536000; includeSubDomains',
  crossOriginOpenerPolicy: 'same-origin',
  frameOptions: 'SAMEORIGIN',
} as const

const NAMES = {
  contentTypeOptions: 'x-content-type-options',
  referrerPolicy: 'referrer-policy',
  crossOriginOpenerPolicy: 'cross-origin-opener-policy',
  frameOptions: 'x-frame-options',
} as const

/**
 * Adds security response headers to every response of an app, error pages included:
 * `X-Content-Type-Options`, `Referrer-Policy`, `Strict-Transport-Security` (over https only),
 * `Cross-Origin-Opener-Policy`, `X-Frame-Options` and, when given, a `Content-Security-Policy`
 * built from directives, with a per-request nonce (`NONCE`, read with `cspNonce(environ)`).
 * A header the app set itself is left as the app set it. The values are checked and joined once,
 * at build time; a response costs a scan of its header list.
 *
 * @throws {TypeError} at build time for a bad app or option, naming it.
 * @example
 * const app = secureHeaders(routes, {
 *   contentSecurityPolicy: {
 *     'default-src': ["'self'"],
 *     'script-src': ["'self'", NONCE],
 *     'frame-ancestors': ["'none'"],
 *   },
 *   frameOptions: 'DENY',
 * })
 */
export function secureHeaders(app: App, options: SecureHeadersOptions = {}): App {
  if (typeof app !== 'function') {
    throw new TypeError(`secureHeaders(): app must be a function, got ${describeValue(app)}`)
  }
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`secureHeaders(): options must be an object, got ${describeValue(options)}`)
  }
  const always: (readonly [string, string])[] = []
  for (const key of Object.keys(NAMES) as (keyof typeof NAMES)[]) {
    const value = headerValue(key, options[key])
    if (value !== undefined) always.push([NAMES[key], value])
  }
  const hsts = headerValue('strictTransportSecurity', options.strictTransportSecurity)
  const csp = options.contentSecurityPolicy
  const policy = csp === undefined || csp === false ? undefined : compilePolicy(csp)
  const add = (headers: HeaderList, environ: Environ): HeaderList => {
    let result: (readonly [string, string])[] | undefined
    for (const pair of always) if (!has(headers, pair[0])) (result ??= [...headers]).push(pair)
    if (hsts !== undefined && environ['tsgi.url_scheme'] === 'https' && !has(headers, 'strict-transport-security')) {
      ;(result ??= [...headers]).push(['strict-transport-security', hsts])
    }
    if (policy !== undefined && !has(headers, 'content-security-policy')) {
      ;(result ??= [...headers]).push(['content-security-policy', policy.render(environ['tsgi.csp_nonce'] ?? '')])
    }
    return result ?? headers
  }
  const inner = transform(app, { start: (status, headers, _excInfo, environ) => [status, add(headers, environ)] })
  return policy?.usesNonce ? withNonce(inner) : inner
}

/** Sets `tsgi.csp_nonce` in place before calling the app: a key this package owns (spec §2.4.5). */
function withNonce(inner: App): App {
  return function secureHeaders(environ, startResponse) {
    environ['tsgi.csp_nonce'] ??= makeNonce()
    return inner(environ, startResponse)
  }
}

function headerValue(key: keyof typeof DEFAULTS, value: unknown): string | undefined {
  if (value === undefined) return DEFAULTS[key]
  if (value === false) return undefined
  if (typeof value !== 'string' || value === '' || !isHeaderValue(value)) {
    throw new TypeError(`secureHeaders(): options.${key} must be a header value or false, got ${describeValue(value)}`)
  }
  return value
}

function has(headers: HeaderList, lower: string): boolean {
  for (const [name] of headers) if (name.length === lower.length && name.toLowerCase() === lower) return true
  return false
}
