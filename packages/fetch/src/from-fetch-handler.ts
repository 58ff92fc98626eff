import {
  type App,
  abortSignal,
  type Body,
  type Chunk,
  describeValue,
  type Environ,
  isHopByHop,
  requestUri,
  statusLine,
} from '@tsgi/core'

/** A fetch-style handler: Hono's `app.fetch`, itty-router, a framework's handler. */
export type FetchHandler = (request: Request) => Response | Promise<Response>

/** Options for {@link fromFetchHandler}. */
export interface FromFetchHandlerOptions {
  /**
   * The request header that carries the mount prefix (`SCRIPT_NAME`) to the handler. Any value
   * the client sent in it is replaced, so the handler can trust it. `false` sends none.
   * @default 'x-forwarded-prefix'
   */
  prefixHeader?: string | false
  /**
   * Whether the handler sees the URL without the mount prefix (only `PATH_INFO`), as a handler
   * written for the root expects; the prefix then travels in `prefixHeader` only.
   * @default false (the URL is rebuilt from SCRIPT_NAME + PATH_INFO, as the client sent it)
   */
  stripPrefix?: boolean
}

const BODILESS = new Set(['GET', 'HEAD'])

/**
 * Mounts a fetch handler inside a tsgi stack: the environ becomes a `Request` and the `Response`
 * becomes the status, headers and body. The URL is rebuilt from `SCRIPT_NAME` + `PATH_INFO`
 * (spec §2.7), so a handler mounted under a router sees the path the client asked for, and the
 * prefix is passed on in the `x-forwarded-prefix` header. The request body streams from
 * `tsgi.input`; the response body streams back, and `close()` cancels it if it was not read to the
 * end. `tsgi.abort` becomes the request's `signal`.
 *
 * @throws {TypeError} if `handler` is not a function or an option is invalid.
 * @example
 * const app = router([['/hono{/*rest}', mount('/hono', fromFetchHandler(honoApp.fetch))]])
 */
export function fromFetchHandler(handler: FetchHandler, options: FromFetchHandlerOptions = {}): App {
  if (typeof handler !== 'function') {
    throw new TypeError(`fromFetchHandler(): handler must be a function, got ${describeValue(handler)}`)
  }
  const { prefixHeader = 'x-forwarded-prefix', stripPrefix = false } = options
  if (prefixHeader !== false && (typeof prefixHeader !== 'string' || prefixHeader === '')) {
    throw new TypeError(
      `fromFetchHandler(): options.prefixHeader must be a header name or false, got ${describeValue(prefixHeader)}`,
    )
  }

  return async function fetchApp(environ, startResponse) {
    const response = await handler(toRequest(environ, prefixHeader, stripPrefix))
    const headers: [string, string][] = []
    for (const [name, value] of response.headers) {
      if (name === 'set-cookie' || isHopByHop(name)) continue // set-cookie: one field per cookie, below
      headers.push([name, value])
    }
    for (const cookie of response.headers.getSetCookie()) headers.push(['set-cookie', cookie])
    startResponse(
      response.statusText ? `${response.status} ${response.statusText}` : statusLine(response.status),
      headers,
    )
    return response.body === null ? [] : streamBody(response.body)
  }
}

function toRequest(environ: Environ, prefixHeader: string | false, stripPrefix: boolean): Request {
  const url = stripPrefix ? requestUri({ ...environ, SCRIPT_NAME: '' }) : requestUri(environ)
  const headers = new Headers()
  for (const key in environ) {
    if (!key.startsWith('HTTP_')) continue
    const value = environ[key as `HTTP_${string}`]
    if (value !== undefined) headers.append(key.slice(5).toLowerCase().replaceAll('_', '-'), value)
  }
  if (environ.CONTENT_TYPE) headers.set('content-type', environ.CONTENT_TYPE)
  if (environ.CONTENT_LENGTH) headers.set('content-length', environ.CONTENT_LENGTH)
  if (prefixHeader !== false) {
    headers.delete(prefixHeader)
    if (environ.SCRIPT_NAME) headers.set(prefixHeader, environ.SCRIPT_NAME)
  }
  const method = environ.REQUEST_METHOD
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: abortSignal(environ) }
  if (!BODILESS.has(method)) {
    const input = environ['tsgi.input']
    init.body = ReadableStream.from(input) as ReadableStream<Uint8Array>
    init.duplex = 'half'
  }
  return new Request(url, init)
}

/** The response body as a tsgi body: async chunks; close() cancels a stream not read to its end. */
function streamBody(stream: ReadableStream<Uint8Array>): Body {
  const reader = stream.getReader()
  let finished = false
  return {
    [Symbol.asyncIterator]() {
      return {
        next: async (): Promise<IteratorResult<Chunk>> => {
          const step = await reader.read()
          if (step.done) finished = true
          return step.done ? { done: true, value: undefined } : { done: false, value: step.value }
        },
        return: async (): Promise<IteratorResult<Chunk>> => {
          if (!finished) {
            finished = true
            await reader.cancel()
          }
          return { done: true, value: undefined }
        },
      }
    },
    close() {
      if (!finished) {
        finished = true
        return reader.cancel()
      }
    },
  }
}
