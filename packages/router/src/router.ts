import type { App, StartResponse } from '@tsgi/core'
import { NullObject } from './_internal/null-object.js'
import { type CompileOptions, compileRoutes } from './compile.js'
import type { Route } from './route.js'
import type { RoutingArgs } from './routing-args.js'

/** Options for {@link router}. */
export interface RouterOptions extends CompileOptions {
  /**
   * The app that answers when no route matches the path.
   * @default a `404 Not Found` text/plain response
   */
  notFound?: App
  /**
   * Makes the app that answers when the path matches only routes for other methods; `allowed`
   * lists them (with HEAD for GET, and OPTIONS) for the `Allow` header RFC 9110 §15.5.6 requires.
   * @default a `405 Method Not Allowed` text/plain response with `Allow`
   */
  methodNotAllowed?: (allowed: readonly string[]) => App
}

const encoder = new TextEncoder()
const NOT_FOUND_BODY = encoder.encode('Not Found\n')
const METHOD_NOT_ALLOWED_BODY = encoder.encode('Method Not Allowed\n')

/**
 * Dispatches on `PATH_INFO` and `REQUEST_METHOD` to the first matching route, after the
 * tutorial's `urls` list and Rack::URLMap. Sets `tsgi.routing_args` on the environ, then calls the
 * route's app and returns its result untouched (sync bodies stay sync).
 *
 * Routes are compiled once, here. The first route in list order wins, whatever the matcher.
 * A GET route answers HEAD; a path matched only for other methods answers 405 with `Allow`; an
 * OPTIONS request no route takes answers 204 with `Allow`; an unknown path answers 404. The
 * router answers these itself, so it works without `@tsgi/exceptions`. An empty `PATH_INFO`
 * (a mount point hit without its slash) is matched as `/`. Parameters are never decoded again:
 * `PATH_INFO` already is (spec §2.5).
 *
 * @throws {TypeError} for a malformed route, a bad pattern (naming the route's index and the
 *   pattern) or a bad option.
 * @example
 * const app = router([
 *   ['/', index],
 *   ['/users/:id', showUser, ['GET']],
 *   { pattern: /^\/hello\/?$/, app: hello },
 * ])
 */
export function router(routes: readonly Route[], options: RouterOptions = {}): App {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`router(): options must be an object, got ${options === null ? 'null' : typeof options}`)
  }
  const { notFound = defaultNotFound, methodNotAllowed = defaultMethodNotAllowed } = options
  if (typeof notFound !== 'function') {
    throw new TypeError(`router(): options.notFound must be an app (a function), got ${typeof notFound}`)
  }
  if (typeof methodNotAllowed !== 'function') {
    throw new TypeError(`router(): options.methodNotAllowed must be a function, got ${typeof methodNotAllowed}`)
  }
  const table = compileRoutes(routes, options)

  return function router(environ, startResponse) {
    const path = environ.PATH_INFO || '/'
    const method = environ.REQUEST_METHOD
    const found = table.match(path, method)
    if (found !== undefined) {
      // wsgiorg.routing_args: the router writes the key into the environ it was given. Under an
      // outer router it extends the outer value, never changes it (spec §2.4.10).
      const outer = environ['tsgi.routing_args']
      environ['tsgi.routing_args'] = outer === undefined ? found.args : nestArgs(outer, found.args)
      return found.app(environ, startResponse)
    }
    const allowed = table.allowed(path)
    if (allowed === undefined) return notFound(environ, startResponse)
    if (method === 'OPTIONS') return options204(allowed, startResponse)
    return methodNotAllowed(allowed)(environ, startResponse)
  }
}

// Shared by every 404: headers are never mutated once passed on (spec §4.3).
const NOT_FOUND_HEADERS = [['content-type', 'text/plain; charset=utf-8']] as const

function defaultNotFound(_environ: unknown, startResponse: StartResponse): Uint8Array[] {
  startResponse('404 Not Found', NOT_FOUND_HEADERS)
  return [NOT_FOUND_BODY]
}

function defaultMethodNotAllowed(allowed: readonly string[]): App {
  const headers = [
    ['content-type', 'text/plain; charset=utf-8'],
    ['allow', allowed.join(', ')],
  ] as const
  return (_environ, startResponse) => {
    startResponse('405 Method Not Allowed', headers)
    return [METHOD_NOT_ALLOWED_BODY]
  }
}

function options204(allowed: readonly string[], startResponse: StartResponse): Uint8Array[] {
  startResponse('204 No Content', [['allow', allowed.join(', ')]])
  return []
}

/** An inner router's arguments after the outer ones: positional appended, names merged, its own winning. */
function nestArgs(outer: RoutingArgs, inner: RoutingArgs): RoutingArgs {
  const named = new NullObject()
  for (const key in outer[1]) named[key] = outer[1][key] as string
  for (const key in inner[1]) named[key] = inner[1][key] as string
  return [[...outer[0], ...inner[0]], named]
}
