import { type App, describeValue, type Environ, Forbidden } from '@tsgi/core'

/** Options of {@link csrf}. */
export interface CsrfOptions {
  /**
   * Origins trusted to send unsafe requests from another site, besides the app's own: a list of
   * serialized origins (`'https://admin.example'`, compared exactly), or a function
   * `(origin, environ) => boolean`.
   * @default [] (only the app's own origin)
   */
  origin?: readonly string[] | ((origin: string, environ: Environ) => boolean)
}

// RFC 9110 §9.2.1: these are safe, so a cross-site request for them changes nothing (unless the
// app breaks that rule, which no middleware can fix). Go's CrossOriginProtection uses the same three.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const SERIALIZED_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@\s]+$/

/**
 * Refuses cross-origin requests with an unsafe method (anything but GET, HEAD and OPTIONS), the
 * way Go's `http.CrossOriginProtection` does, with no token to manage:
 *
 * 1. `Sec-Fetch-Site: same-origin` or `none` (typed in the address bar) passes; any other value
 *    (`cross-site`, `same-site`) is refused unless the request's `Origin` is trusted.
 * 2. Without `Sec-Fetch-Site` (older browsers), an `Origin` whose host is the request's `Host`
 *    passes, as does a trusted one; any other `Origin`, `null` included, is refused.
 * 3. A request with neither header is not from a browser's cross-site form or fetch, and passes.
 *
 * Every unsafe request is checked, whatever its `Content-Type` (a check that skips requests
 * without one is Hono's GHSA-2234-fmw7-43wr). A refusal throws core's `Forbidden` (403) before
 * the app runs, with a message that says why (the header values quoted and cut at 80 characters);
 * `exceptionMiddleware` renders it. Origins are
 * compared as strings, never parsed, so `http://evil@victim.example` is not `victim.example`.
 *
 * @throws {TypeError} at build time for a bad app or option.
 * @example
 * const app = csrf(routes, { origin: ['https://admin.example'] })
 */
export function csrf(app: App, options: CsrfOptions = {}): App {
  if (typeof app !== 'function') throw new TypeError(`csrf(): app must be a function, got ${describeValue(app)}`)
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`csrf(): options must be an object, got ${describeValue(options)}`)
  }
  const trusted = compileTrusted(options.origin ?? [])

  return function csrf(environ, startResponse) {
    if (!SAFE_METHODS.has(environ.REQUEST_METHOD)) {
      const refusal = refuse(environ, trusted)
      if (refusal !== undefined) throw new Forbidden(`Cross-origin request refused: ${refusal}`)
    }
    return app(environ, startResponse)
  }
}

/** Why the request is refused, or `undefined` if it may pass. */
function refuse(environ: Environ, trusted: (origin: string, environ: Environ) => boolean): string | undefined {
  const site = environ.HTTP_SEC_FETCH_SITE
  const origin = environ.HTTP_ORIGIN
  if (site !== undefined && site !== '') {
    if (site === 'same-origin' || site === 'none') return undefined
    if (origin !== undefined && trusted(origin, environ)) return undefined
    return `the browser says it comes from another site (Sec-Fetch-Site: ${describeValue(site)}) and its origin ${origin === undefined ? '(none)' : describeValue(origin)} is not trusted`
  }
  if (origin === undefined || origin === '') return undefined
  const host = (environ.HTTP_HOST ?? '').toLowerCase()
  // The scheme is not compared: behind a TLS-terminating proxy the app sees http for https.
  if (host !== '' && (origin === `https://${host}` || origin === `http://${host}`)) return undefined
  if (trusted(origin, environ)) return undefined
  return `its origin ${describeValue(origin)} is neither this host (${host ? describeValue(host) : 'no Host header'}) nor trusted`
}

function compileTrusted(option: unknown): (origin: string, environ: Environ) => boolean {
  if (typeof option === 'function') return (origin, environ) => option(origin, environ) === true
  if (Array.isArray(option) && option.every((item) => typeof item === 'string' && SERIALIZED_ORIGIN.test(item))) {
    const set = new Set(option as string[])
    return (origin) => set.has(origin)
  }
  throw new TypeError(
    `csrf(): options.origin must be an array of origins like 'https://admin.example' (no path) or a function, got ${describeValue(option)}`,
  )
}
