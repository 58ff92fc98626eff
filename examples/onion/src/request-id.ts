import type { App } from '@tsgi/core'

declare module '@tsgi/core' {
  interface EnvironExtensions {
    /** Set by the onion example's `requestId`: the id of this request. */
    'onion.request_id'?: string
  }
}

/**
 * The outer layer: gives each request an id (the client's `X-Request-Id`, or a counter), puts it in
 * the environ under `onion.request_id` for the layers inside, and adds it to the response headers,
 * whichever status ends up being sent, a replaced one included.
 *
 * @example
 * const app = compose(requestId, accessLog, errorPage)(inner)
 */
export function requestId(app: App): App {
  let last = 0 // state of this app instance, created once when the app is built

  return function requestId(environ, startResponse) {
    const id = environ.HTTP_X_REQUEST_ID ?? String(++last)
    environ['tsgi.errors'].write(`requestId: in (${id})\n`)
    // A new environ for the inner layers: spread, never mutate or delete (spec §7.4).
    const result = app({ ...environ, 'onion.request_id': id }, (status, headers, excInfo) => {
      // A new header list, never a mutated one (spec §4.3); excInfo passed on only when present.
      const withId = [...headers, ['x-request-id', id] as const]
      if (excInfo === undefined) startResponse(status, withId)
      else startResponse(status, withId, excInfo)
    })
    // The inner app has returned; its body has not been sent yet (a middleware never waits for it).
    environ['tsgi.errors'].write(`requestId: out (${id})\n`)
    return result
  }
}
