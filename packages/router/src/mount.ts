import type { App, StartResponse } from '@tsgi/core'

const NOT_FOUND_BODY = new TextEncoder().encode('Not Found\n')

/**
 * Serves `app` under `prefix` (after Rack::URLMap and werkzeug's `DispatcherMiddleware`): the
 * inner app gets a copy of the environ with the prefix moved from `PATH_INFO` to `SCRIPT_NAME`
 * (spec §2.6), so `requestUri` and `applicationUri` still rebuild the right URL and the inner
 * app routes on its own paths. The outer environ is never changed.
 *
 * The prefix matches on segment boundaries only: `/api` takes `/api` and `/api/…`, never
 * `/apix`. Anything else answers 404, so a mount works alone or as a route's app
 * (`['/api{/*rest}', mount('/api', api)]`). `/api` itself reaches the inner app with an empty
 * `PATH_INFO`, which `router()` matches as `/`.
 *
 * @throws {TypeError} if `prefix` is not a path starting with `/` (a trailing `/` is dropped), or
 *   `app` is not a function.
 * @example
 * const app = router([
 *   ['/', home],
 *   ['/api{/*rest}', mount('/api', api)],
 * ])
 */
export function mount(prefix: string, app: App): App {
  if (typeof prefix !== 'string' || !prefix.startsWith('/') || prefix.length < 2 || prefix.endsWith('//')) {
    throw new TypeError(`mount(): prefix must be a path like '/api', got ${JSON.stringify(prefix) ?? typeof prefix}`)
  }
  if (typeof app !== 'function') {
    throw new TypeError(`mount(): app must be a function, got ${app === null ? 'null' : typeof app}`)
  }
  const base = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix
  const length = base.length

  return function mount(environ, startResponse) {
    const path = environ.PATH_INFO
    // Segment boundary: the prefix must be followed by '/' or the end of the path.
    if (!path.startsWith(base) || (path.length > length && path.charCodeAt(length) !== 47)) {
      return notFound(startResponse)
    }
    // A copy, so the caller's environ keeps its SCRIPT_NAME and PATH_INFO (spec §7.4).
    return app({ ...environ, SCRIPT_NAME: environ.SCRIPT_NAME + base, PATH_INFO: path.slice(length) }, startResponse)
  }
}

function notFound(startResponse: StartResponse): Uint8Array[] {
  startResponse('404 Not Found', [['content-type', 'text/plain; charset=utf-8']])
  return [NOT_FOUND_BODY]
}
