import { type App, transform } from '@tsgi/core'

const encoder = new TextEncoder()
const PAGE = encoder.encode('Sorry, the kitchen is closed. Try again later.\n')

/**
 * The inner layer: when the app throws, or its body throws before the first chunk went out,
 * replaces the response with a 503 page. It calls `startResponse` again with the error as
 * `excInfo`, PEP 3333's `exc_info`: the status and headers given earlier are dropped, and the
 * outer layers see the 503 (spec §4.5). Once bytes were sent, that call rethrows the error and
 * the response is cut short: nothing can replace what the client already has.
 *
 * @example
 * const app = compose(requestId, accessLog, errorPage)(inner)
 */
export function errorPage(app: App): App {
  return transform(app, {
    error(error, environ, startResponse) {
      environ['tsgi.errors'].write(`errorPage: replaced the response (${String(error)})\n`)
      startResponse('503 Service Unavailable', [['content-type', 'text/plain; charset=utf-8']], error)
      return [PAGE]
    },
  })
}
