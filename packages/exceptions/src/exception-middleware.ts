import { type App, type Chunk, type Environ, type HTTPError, logError, type StartResponse, transform } from '@tsgi/core'
import { isWrapper, normalise } from './_internal/normalise.js'
import { type RenderErrorOptions, type RenderedError, renderError } from './render-error.js'

/** Options for {@link exceptionMiddleware}. */
export interface ExceptionMiddlewareOptions {
  /**
   * Show the message of every error, its stack, its `cause` chain and the request line to the
   * client. For development only: off, a 5xx shows its status text alone (spec §8.3).
   * @default false
   */
  debug?: boolean
  /**
   * Called with each error (normalised to an `HTTPError` whose `cause` is what was thrown) for
   * logging or metrics, after it was written to `tsgi.errors`. An error it throws is written to
   * `tsgi.errors` too and does not change the response.
   * @default undefined
   */
  onError?: (error: HTTPError, environ: Environ) => void
  /**
   * Builds the error response in place of {@link renderError}; its `body` must be an array of
   * chunks. If it throws, that is logged and the default page is sent.
   * @default renderError
   */
  render?: (error: HTTPError, environ: Environ, options: Required<RenderErrorOptions>) => RenderedError
}

/**
 * Turns errors from the wrapped app into error responses (the tutorial's ExceptionMiddleware,
 * made safe). It catches what the app throws, what its promise rejects with, and what its body
 * throws while iterated, sync or async, before or after the first chunk. Each error is written
 * to `environ['tsgi.errors']` with the method, path and stack, normalised with `HTTPError.from`,
 * rendered (see {@link renderError}), and sent with `startResponse(status, headers, error)`: the
 * error is the `excInfo` of PEP 3333 (spec §4.5). When the headers already went out, that call
 * rethrows and the server cuts the connection; a half-sent response is never patched up.
 *
 * Built on core's `transform`, so a sync body stays sync, chunks pass through one by one and
 * unbuffered, and the inner body's `close()` is called exactly once on every path. An array body
 * (which cannot fail while iterated) is returned untouched, so the server can still compute its
 * Content-Length.
 *
 * @throws {TypeError} if `app` is not a function, or an option has the wrong type.
 * @example
 * const app = exceptionMiddleware(routes, { debug: process.env.NODE_ENV === 'development' })
 */
export function exceptionMiddleware(app: App, options: ExceptionMiddlewareOptions = {}): App {
  if (typeof app !== 'function') {
    throw new TypeError(`exceptionMiddleware(): app must be a function, got ${typeName(app)}`)
  }
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`exceptionMiddleware(): options must be an object, got ${typeName(options)}`)
  }
  const { debug = false, onError, render = renderError } = options
  if (typeof debug !== 'boolean') {
    throw new TypeError(`exceptionMiddleware(): options.debug must be a boolean, got ${typeName(debug)}`)
  }
  if (onError !== undefined && typeof onError !== 'function') {
    throw new TypeError(`exceptionMiddleware(): options.onError must be a function, got ${typeName(onError)}`)
  }
  if (typeof render !== 'function') {
    throw new TypeError(`exceptionMiddleware(): options.render must be a function, got ${typeName(render)}`)
  }
  const renderOptions: Required<RenderErrorOptions> = { debug }

  // The error hook: log, notify, render, and send the page with the error as excInfo.
  const handle = (thrown: unknown, environ: Environ, startResponse: StartResponse): Chunk[] => {
    const error = normalise(thrown)
    // Log first: if the headers already went out, startResponse below rethrows and the
    // server cuts the connection, and this is the only trace the fault leaves (spec §3.3).
    // Core's one log format (spec §6.6.5): what was thrown, not the wrapper HTTPError.from made.
    logError(environ, isWrapper(error) ? error.cause : error)
    if (onError !== undefined) {
      try {
        onError(error, environ)
      } catch (hookError) {
        logError(environ, new Error('exceptionMiddleware(): options.onError threw', { cause: hookError }))
      }
    }
    let page: RenderedError
    try {
      page = render(error, environ, renderOptions)
      if (!Array.isArray(page?.body)) {
        throw new TypeError(`options.render must return { status, headers, body: Chunk[] }, got ${typeName(page)}`)
      }
    } catch (renderFailure) {
      logError(environ, new Error('exceptionMiddleware(): options.render threw', { cause: renderFailure }))
      page = renderError(error, environ, renderOptions)
    }
    // PEP 3333: the error is excInfo. Before the headers are committed this replaces the status
    // and headers; after, it rethrows, and the rethrow propagates to the server (spec §4.5, §6.2).
    startResponse(page.status, page.headers, error)
    return page.body
  }

  // core's transform() does the rest (spec §7): it calls `handle` for a sync throw, a rejected
  // promise, a value that is not a body and an error while the body is iterated; a sync body
  // stays sync, an array passes through untouched (it cannot fail while iterated, and keeps the
  // server's Content-Length fast path), and close() is forwarded exactly once.
  const guarded = transform(app, { error: handle })
  return function exceptionMiddleware(environ, startResponse) {
    return guarded(environ, startResponse)
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}
