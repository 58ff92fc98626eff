import { type App, describeValue } from '@tsgi/core'
import { toInit } from './_internal/build-environ.js'
import { CookieJar } from './cookie-jar.js'
import { pairsOf, REDIRECT_STATUSES, type RedirectStep, redirectInit } from './follow-redirects.js'
import { request } from './request.js'
import type { TestRequestInit, TestResponse } from './types.js'

/** Options for {@link client}: defaults for each of its requests. */
export interface ClientOptions {
  /** Follow 301, 302, 303, 307 and 308 responses (see {@link ClientRequestInit.followRedirects}). @default false */
  followRedirects?: boolean
  /** The most redirects one request follows; one more rejects. @default 10 */
  maxRedirects?: number
  /** Keep cookies in {@link Client.jar} and send them back. @default true */
  cookies?: boolean
  /** The host requests go to, as `TestRequestInit.host`. @default 'localhost' */
  host?: string
  /** The scheme requests use. @default 'http' */
  scheme?: 'http' | 'https'
  /** Run the app wrapped in `lint()`. @default true */
  lint?: boolean
}

/** A request of a {@link client}: `TestRequestInit`, and whether to follow redirects this time. */
export interface ClientRequestInit extends TestRequestInit {
  /** Follow redirects for this request. @default the client's `followRedirects` */
  followRedirects?: boolean
}

/** What a {@link client} request resolves to: the last response, where it came from, and the redirects on the way. */
export interface ClientResponse extends TestResponse {
  /** The URL of the request that got this response (after redirects). */
  readonly url: string
  /** The redirects followed to get here, in order; empty when there were none. */
  readonly redirects: readonly RedirectStep[]
}

/** A browsing test client: requests share a cookie jar and may follow redirects. */
export interface Client {
  /** Sends a request, as `request()` does, with the jar's cookies; stores the cookies it gets back. */
  request(target: string | ClientRequestInit, init?: ClientRequestInit): Promise<ClientResponse>
  /** `request({ ...init, method: 'GET', path })`. */
  get(path: string, init?: ClientRequestInit): Promise<ClientResponse>
  /** `request({ ...init, method: 'POST', path })`. */
  post(path: string, init?: ClientRequestInit): Promise<ClientResponse>
  /** The cookies kept so far. */
  readonly jar: CookieJar
}

/**
 * A test client that browses like a user (Werkzeug's `Client`, rack-test): its requests share a
 * {@link CookieJar}, so a login sticks, and with `followRedirects` it follows 301/302/303
 * (then a GET without a body) and 307/308 (same method and body), up to `maxRedirects`, reporting
 * the chain in `redirects` and storing the cookies of every hop. Each request is `request()`:
 * in memory, lint on.
 *
 * @throws {TypeError} / {RangeError} if `app` is not a function or an option is bad.
 * @example
 * const browser = client(app, { followRedirects: true })
 * await browser.post('/login', { body: 'user=ada', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
 * expect((await browser.get('/account')).text()).toContain('ada')
 */
export function client(app: App, options: ClientOptions = {}): Client {
  if (typeof app !== 'function') throw new TypeError(`client(): app must be a function, got ${describeValue(app)}`)
  const { followRedirects = false, maxRedirects = 10, cookies = true, ...defaults } = options
  if (!Number.isSafeInteger(maxRedirects) || maxRedirects < 0) {
    throw new RangeError(`client(): options.maxRedirects must be an integer >= 0, got ${describeValue(maxRedirects)}`)
  }
  const jar = new CookieJar()

  const send = async (init: TestRequestInit, url: URL): Promise<TestResponse> => {
    const cookie = cookies ? jar.header(url) : undefined
    const headers = cookie === undefined ? init.headers : [...pairsOf(init.headers ?? {}), ['cookie', cookie] as const]
    const response = await request(app, headers === undefined ? init : { ...init, headers })
    if (cookies)
      for (const [name, value] of response.headers) if (name.toLowerCase() === 'set-cookie') jar.store(value, url)
    return response
  }

  const run = async (target: string | ClientRequestInit, extra?: ClientRequestInit): Promise<ClientResponse> => {
    const { followRedirects: follow = followRedirects, ...first } = toInit('client', target, extra) as ClientRequestInit
    let init: TestRequestInit = { ...defaults, ...first }
    const redirects: RedirectStep[] = []
    for (;;) {
      const url = urlOf(init)
      const response = await send(init, url)
      const location = response.header('location')
      if (!follow || !REDIRECT_STATUSES.has(response.status) || location === undefined) {
        return withChain(response, url, redirects)
      }
      redirects.push({ method: init.method ?? 'GET', url: url.href, status: response.status, location })
      if (redirects.length > maxRedirects) {
        const chain = redirects.map((step) => `${step.status} ${step.url} -> ${step.location}`).join(', ')
        throw new Error(`client(): more than ${maxRedirects} redirects (options.maxRedirects): ${chain}`)
      }
      init = redirectInit(init, url, response.status, location)
    }
  }

  return {
    request: run,
    get: (path, init) => run({ ...init, method: 'GET', path }),
    post: (path, init) => run({ ...init, method: 'POST', path }),
    jar,
  }
}

/** The URL a request goes to: its scheme, its Host header (or `host`), its path. */
function urlOf(init: TestRequestInit): URL {
  const host =
    pairsOf(init.headers ?? {}).find(([name]) => name.toLowerCase() === 'host')?.[1] ?? init.host ?? 'localhost'
  const path = init.path ?? '/'
  return /^https?:\/\//i.test(path) ? new URL(path) : new URL(`${init.scheme ?? 'http'}://${host}${path}`)
}

function withChain(response: TestResponse, url: URL, redirects: readonly RedirectStep[]): ClientResponse {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(response)) as TestResponse
  return Object.assign(copy, { url: url.href, redirects })
}
