import { type App, type Body, MethodNotAllowed, NotFound, statusLine } from '@tsgi/core'
import { type PathParams, type Route, router, routingArgs } from '@tsgi/router'
import { type PolicyOptions, policy } from './policy.js'
import { Request } from './request.js'
import type { Response } from './response.js'

/** A route handler: a request in, a response (or a promise of one) out. Throw an `HTTPError` to fail. */
export type Handler<Params extends object = Record<string, string>> = (
  request: Request<Params>,
) => Response | Promise<Response>

type Method = <const P extends string>(pattern: P, handler: Handler<PathParams<P>>) => MicroApp

/** The route table being built; `build()` turns it into a tsgi app. */
export interface MicroApp {
  get: Method
  post: Method
  put: Method
  patch: Method
  delete: Method
  /** The tsgi app: a router over the routes, wrapped in the framework's layers (`policy()`). */
  build(options?: PolicyOptions): App
}

/**
 * Starts a route table: `createApp().get('/users/:id', (req) => json(…)).build()`. A 404, a 405 and
 * anything a handler throws are rendered by `@tsgi/exceptions`, as JSON when the client asks.
 */
export function createApp(): MicroApp {
  const routes: Route[] = []
  const method =
    (name: string): Method =>
    (pattern, handler) => {
      if (typeof handler !== 'function') {
        throw new TypeError(
          `${name.toLowerCase()}('${pattern}', handler): handler must be a function, got ${typeof handler}`,
        )
      }
      routes.push([pattern, toApp(handler as Handler), [name]])
      return micro
    }
  const micro: MicroApp = {
    get: method('GET'),
    post: method('POST'),
    put: method('PUT'),
    patch: method('PATCH'),
    delete: method('DELETE'),
    build(options = {}) {
      const routed = router(routes, {
        notFound: () => {
          throw new NotFound()
        },
        methodNotAllowed: (allowed) => () => {
          throw new MethodNotAllowed(allowed)
        },
      })
      return policy(routed, options)
    },
  }
  return micro
}

/** Adapts a handler to a tsgi app; a sync handler stays sync (no promise per request). */
function toApp(handler: Handler): App {
  return function handle(environ, startResponse) {
    const send = (response: Response): Body => {
      startResponse(statusLine(response.status), response.headers)
      return response.body === undefined ? [] : [response.body]
    }
    const result = handler(new Request(environ, routingArgs(environ)[1]))
    return result instanceof Promise ? result.then(send) : send(result)
  }
}
