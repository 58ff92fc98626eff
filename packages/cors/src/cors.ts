import { type App, describeValue, type Environ, type HeaderList, transform } from '@tsgi/core'
import { compileOrigin } from './_internal/compile-origin.js'
import { compilePreflight } from './_internal/compile-preflight.js'
import { mergeVary } from './_internal/merge-vary.js'
import type { OriginOption } from './origin-option.js'

/** Options of {@link cors}. */
export interface CorsOptions {
  /**
   * Which origins may read the responses: `'*'` (any), one origin (`'https://app.example'`), a list
   * of origins, a `RegExp` tested against the request's `Origin` (anchor it: `/^https:\/\/[a-z]+\.example$/`),
   * or a function `(origin, environ) => boolean`. Origins compare exactly, as the browser
   * serializes them (`scheme://host[:port]`, no path, no trailing slash).
   * @default '*'
   */
  origin?: OriginOption
  /**
   * Methods a preflight allows (`Access-Control-Allow-Methods`).
   * @default ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE']
   */
  methods?: readonly string[]
  /**
   * Request headers a preflight allows (`Access-Control-Allow-Headers`). When not given, the
   * headers the preflight asks for are allowed (echoed), and the answer varies on them.
   * @default undefined (echo `Access-Control-Request-Headers`)
   */
  allowHeaders?: readonly string[]
  /**
   * Response headers the browser lets the page read (`Access-Control-Expose-Headers`).
   * @default []
   */
  exposeHeaders?: readonly string[]
  /**
   * Whether the browser may send cookies and read the answer (`Access-Control-Allow-Credentials`).
   * With `origin: '*'` the request's origin is then echoed instead of `*`, which browsers refuse
   * with credentials (Fetch standard, CORS protocol).
   * @default false
   */
  credentials?: boolean
  /**
   * Seconds a browser may cache a preflight's answer (`Access-Control-Max-Age`).
   * @default undefined (no header: the browser's default, 5 seconds)
   */
  maxAge?: number
}

const DEFAULT_METHODS = ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'] as const
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * Cross-origin resource sharing for an app (Fetch standard, "CORS protocol"). A preflight (an
 * `OPTIONS` request with `Origin` and `Access-Control-Request-Method`) is answered `204` here,
 * without calling the app. Other responses get `Access-Control-Allow-Origin` and its companions
 * when the request's origin is allowed, and none of them when it is not (the browser then hides
 * the response; the app still ran, as CORS is no access control for the server).
 *
 * `Vary: Origin` is added (merged into the app's `Vary`) whenever the answer depends on the
 * origin, that is for every option but `origin: '*'` without credentials, on allowed, refused and
 * origin-less requests alike, so a shared cache never serves one origin's answer to another.
 *
 * @throws {TypeError} / {RangeError} at build time for a bad option, naming it.
 * @example
 * const api = cors(routes, { origin: ['https://app.example'], credentials: true, maxAge: 600 })
 */
export function cors(app: App, options: CorsOptions = {}): App {
  if (typeof app !== 'function') throw new TypeError(`cors(): app must be a function, got ${describeValue(app)}`)
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`cors(): options must be an object, got ${describeValue(options)}`)
  }
  const credentials = checkBoolean(options.credentials)
  const allow = compileOrigin(options.origin ?? '*', credentials)
  const common: [string, string][] = []
  if (credentials) common.push(['access-control-allow-credentials', 'true'])
  const exposed = tokenList('exposeHeaders', options.exposeHeaders ?? [])
  if (exposed) common.push(['access-control-expose-headers', exposed])
  const vary = allow.varies ? ['Origin'] : []
  const preflight = compilePreflight(allow, credentials, {
    methods: tokenList('methods', options.methods ?? DEFAULT_METHODS),
    allowHeaders: options.allowHeaders === undefined ? undefined : tokenList('allowHeaders', options.allowHeaders),
    maxAge: options.maxAge === undefined ? undefined : checkMaxAge(options.maxAge),
  })

  // The response's CORS headers: decided once per request, added in startResponse.
  const responseHeaders = (environ: Environ): HeaderList => {
    const origin = allow.match(environ.HTTP_ORIGIN, environ)
    return origin === undefined ? [] : [['access-control-allow-origin', origin], ...common]
  }
  const actual = transform(app, {
    start: (status, headers, _excInfo, environ) => [status, mergeVary([...headers, ...responseHeaders(environ)], vary)],
  })

  return function cors(environ, startResponse) {
    // A preflight is answered here: the app never sees it (a route's side effects must not run for it).
    const isPreflight =
      environ.REQUEST_METHOD === 'OPTIONS' &&
      environ.HTTP_ACCESS_CONTROL_REQUEST_METHOD !== undefined &&
      environ.HTTP_ORIGIN !== undefined
    return isPreflight ? preflight(environ, startResponse) : actual(environ, startResponse)
  }
}

function checkBoolean(value: unknown): boolean {
  if (value === undefined) return false
  if (typeof value !== 'boolean') {
    throw new TypeError(`cors(): options.credentials must be a boolean, got ${describeValue(value)}`)
  }
  return value
}

function tokenList(name: string, list: unknown): string {
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string' && TOKEN.test(item))) {
    throw new TypeError(
      `cors(): options.${name} must be an array of header or method names, got ${describeValue(list)}`,
    )
  }
  return list.join(', ')
}

function checkMaxAge(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(
      `cors(): options.maxAge must be a non-negative integer of seconds, got ${describeValue(value)}`,
    )
  }
  return value
}
