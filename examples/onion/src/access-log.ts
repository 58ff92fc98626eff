import { type App, transform } from '@tsgi/core'

/**
 * The middle layer: writes a line to `tsgi.errors` when a request comes in, when the inner app
 * returns, and once the response is over (after the body's `close()`): method, path, final status
 * and how it ended. Core's `transform` forwards `close()` exactly once and keeps sync bodies sync.
 *
 * @example
 * const app = compose(requestId, accessLog, errorPage)(inner)
 */
export function accessLog(app: App): App {
  const watched = transform(app, {
    finally({ status, error, aborted }, environ) {
      const outcome = error !== undefined ? ' failed' : aborted ? ' stopped early' : ''
      const id = environ['onion.request_id'] ?? '-'
      environ['tsgi.errors'].write(
        `accessLog: done (${id}) ${environ.REQUEST_METHOD} ${environ.PATH_INFO} ${status ?? '-'}${outcome}\n`,
      )
    },
  })

  return function accessLog(environ, startResponse) {
    environ['tsgi.errors'].write(`accessLog: in (${environ['onion.request_id'] ?? '-'})\n`)
    const result = watched(environ, startResponse)
    environ['tsgi.errors'].write(`accessLog: out (${environ['onion.request_id'] ?? '-'})\n`)
    return result
  }
}
