import { type App, describeValue, transform } from '@tsgi/core'

/** Options for {@link serverTiming}. */
export interface ServerTimingOptions {
  /**
   * The metric name (a token, RFC 9110 §5.6.2).
   * @default 'app'
   */
  name?: string
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/**
 * Adds a `Server-Timing` header (W3C Server Timing) with the wrapped app's time to first byte:
 * the milliseconds from the request reaching this layer to the app's `startResponse`, the moment
 * its status and headers are ready. A header the app sent is kept, and this metric added as
 * another field. A `startResponse` called again with `excInfo` (spec §4.5), whose headers may
 * already have been committed, gets no timing.
 *
 * @throws {TypeError} if `app` is not a function or `name` is not a token.
 * @example
 * const app = serverTiming(routes) // server-timing: app;dur=1.234
 */
export function serverTiming(app: App, options: ServerTimingOptions = {}): App {
  if (typeof app !== 'function')
    throw new TypeError(`serverTiming(): app must be a function, got ${describeValue(app)}`)
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`serverTiming(): options must be an object, got ${describeValue(options)}`)
  }
  const { name = 'app' } = options
  if (typeof name !== 'string' || !TOKEN.test(name)) {
    throw new TypeError(`serverTiming(): options.name must be a token, got ${describeValue(name)}`)
  }
  const prefix = `${name};dur=`
  // The start time travels in a WeakMap keyed by the environ: the hook gets the environ, not a closure.
  const started = new WeakMap<object, number>()
  const timed = transform(app, {
    start(status, headers, excInfo, environ) {
      const since = started.get(environ)
      if (excInfo !== undefined || since === undefined) return undefined
      started.delete(environ)
      const duration = (performance.now() - since).toFixed(3)
      return [status, [...headers, ['server-timing', `${prefix}${duration}`]]]
    },
  })

  return function serverTiming(environ, startResponse) {
    started.set(environ, performance.now())
    return timed(environ, startResponse)
  }
}
