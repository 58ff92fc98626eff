import type { App } from '@tsgi/core'
import { describeValue } from '@tsgi/core'
import type { ServeOptions } from './options.js'
import { serve, type TsgiServer } from './serve.js'

/** What {@link makeServer} returns: `wsgiref.simple_server`'s shape. */
export interface SimpleServer {
  /**
   * Starts listening and resolves once the server has closed: on SIGTERM/SIGINT (gracefully) or
   * after `shutdown()`. Like Python's `serve_forever()`, it is the last line of a script.
   */
  serveForever(): Promise<void>
  /** Closes gracefully; resolves when closed. Does nothing before `serveForever()`. */
  shutdown(): Promise<void>
  /** The running server once `serveForever()` has started listening. */
  readonly running: TsgiServer | undefined
}

/**
 * `wsgiref.simple_server.make_server(host, port, app)` for tsgi, as the tutorials write it: a
 * thin wrapper over {@link serve} with signal handling on.
 *
 * @throws {TypeError} if `host` is not a string, `port` not a number or `app` not a function.
 * @example
 * const httpd = makeServer('127.0.0.1', 8000, app)
 * console.log('Serving on port 8000...')
 * await httpd.serveForever()
 */
export function makeServer(host: string, port: number, app: App, options: ServeOptions = {}): SimpleServer {
  if (typeof host !== 'string') throw new TypeError(`makeServer(): host must be a string, got ${describeValue(host)}`)
  if (typeof port !== 'number') throw new TypeError(`makeServer(): port must be a number, got ${describeValue(port)}`)
  if (typeof app !== 'function') throw new TypeError(`makeServer(): app must be a function, got ${describeValue(app)}`)
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`makeServer(): options must be an object, got ${describeValue(options)}`)
  }
  let running: TsgiServer | undefined
  let stopped: Promise<void> | undefined
  return {
    get running() {
      return running
    },
    async serveForever() {
      if (running !== undefined) throw new Error('makeServer(): serveForever() was already called')
      running = await serve(app, { signals: true, ...options, host, port })
      const server = running.server
      stopped = new Promise((resolve) => server.once('close', () => resolve()))
      await stopped
    },
    async shutdown() {
      await running?.close()
    },
  }
}
