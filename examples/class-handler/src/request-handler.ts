import { type App, type Body, type Environ, type HeaderList, statusLine } from '@tsgi/core'
import { queryOf } from '@tsgi/query'

const encoder = new TextEncoder()

/** What a handler's `get()` receives: this request's query and environ. */
export interface HandlerRequest {
  /** The query string, parsed as `parse_qs` parses it: each name maps to its list of values. */
  readonly args: Readonly<Record<string, readonly string[]>>
  /** The whole environ, for anything else (headers, `PATH_INFO`, `tsgi.errors`). */
  readonly environ: Environ
}

/** What `get()` returns: the body as strings (sent as UTF-8) or bytes, with an optional `close()`. */
export type HandlerResult = Iterable<string | Uint8Array> & { close?(): void }

/**
 * The tutorial's `WSGIRequestHandler` base class: it does the WSGI part (parsing the query,
 * starting the response, encoding the body, calling `close()`), and a subclass writes `get()`.
 *
 * Two things differ from the Python, on purpose:
 * - **The app is `handler.app`**, an arrow function bound to the instance: JavaScript objects are
 *   not callable, so where Python calls `Hello()(environ, start_response)` you pass
 *   `new Hello().app` to the server.
 * - **Request state is passed to `get()`**, not stored on the instance. The tutorial kept
 *   `self.request` on the one instance the server shares between requests; here two requests can
 *   interleave (an app may be called again before an earlier body has finished), and they would
 *   see each other's arguments.
 *
 * @example
 * class Hello extends RequestHandler {
 *   override get({ args }: HandlerRequest) {
 *     return [`Hello ${args.subject?.[0] ?? 'world'}`]
 *   }
 * }
 * serve(new Hello().app)
 */
export abstract class RequestHandler {
  /** The response headers, the tutorial's `self.response`. Override in a subclass. */
  readonly headers: HeaderList = [['content-type', 'text/plain; charset=utf-8']]

  /** Builds the body of a GET (or HEAD) request. */
  abstract get(request: HandlerRequest): HandlerResult

  /** The tsgi app: GET and HEAD go to `get()`, other methods get a 405 with `Allow`. */
  readonly app: App = (environ, startResponse) => {
    const method = environ.REQUEST_METHOD
    if (method !== 'GET' && method !== 'HEAD') {
      startResponse(statusLine(405), [
        ['allow', 'GET, HEAD'],
        ['content-type', 'text/plain; charset=utf-8'],
      ])
      return [encoder.encode('Method Not Allowed\n')]
    }
    // queryOf is parse_qs with a field limit (a 400 past 1000 fields), parsed once per request.
    const result = this.get({ args: queryOf(environ), environ })
    startResponse(statusLine(200), this.headers)
    return encodeBody(result)
  }
}

/**
 * The tutorial's `for item in appiter: yield item` and its `appiter.close()`: strings become UTF-8
 * bytes as they are pulled, and the result's `close()` is called exactly once, when the server
 * closes this body (spec §5.4), however the response ended.
 */
function encodeBody(result: HandlerResult): Body {
  return {
    *[Symbol.iterator]() {
      for (const item of result) yield typeof item === 'string' ? encoder.encode(item) : item
    },
    close() {
      result.close?.()
    },
  }
}
