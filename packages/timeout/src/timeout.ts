import { type App, type Body, describeValue, type StartResponse } from '@tsgi/core'
import { Deadline } from './_internal/deadline.js'
import { replace, TimedBody } from './_internal/timed-body.js'
import { TimedSyncBody } from './_internal/timed-sync-body.js'

/** Options of {@link timeout}. */
export interface TimeoutOptions {
  /**
   * The app that answers when the time is up before the headers were committed, called with the
   * request's environ; its `startResponse` carries the 503 error as `excInfo`, so its answer
   * replaces whatever the timed-out app had started.
   * @default undefined (the 503 `ServiceUnavailable` error is thrown, for the server or
   * `exceptionMiddleware` to render)
   */
  onTimeout?: App
}

/**
 * Gives an app `ms` milliseconds to produce its whole response. The app sees a `tsgi.abort` whose
 * signal aborts (with a `TimeoutError`) when the time is up, or when the client goes away, so work
 * it passed the signal to stops: the point of a timeout is to free what the request holds.
 *
 * When the time is up before the headers were committed (the app's promise is pending, or its body
 * has not yielded a non-empty chunk), the answer is a 503 (`ServiceUnavailable`, thrown) or the
 * `onTimeout` app's. After the commit the status cannot change: the body's next read throws and
 * the server cuts the connection, so the client sees a truncated response, never a complete-looking
 * one (spec §6.2.2). In every case the app's body is closed exactly once (spec §5.4), a body that
 * arrives after the time is up is closed without being read, and the timer is cleared when the
 * response is over, so no timer outlives its request. An array body is complete when returned: the
 * timer stops there and the array is passed on as it is.
 *
 * @throws {TypeError} / {RangeError} at build time for a bad app, duration or option.
 * @example
 * const app = timeout(routes, 5_000)
 */
export function timeout(app: App, ms: number, options: TimeoutOptions = {}): App {
  if (typeof app !== 'function') throw new TypeError(`timeout(): app must be a function, got ${describeValue(app)}`)
  // setTimeout fires at once for anything above 2^31 - 1 ms (about 24.8 days).
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 1 || ms > 2 ** 31 - 1) {
    throw new RangeError(`timeout(): ms must be an integer from 1 to 2147483647, got ${describeValue(ms)}`)
  }
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`timeout(): options must be an object, got ${describeValue(options)}`)
  }
  const { onTimeout } = options
  if (onTimeout !== undefined && typeof onTimeout !== 'function') {
    throw new TypeError(`timeout(): options.onTimeout must be an app, got ${describeValue(onTimeout)}`)
  }

  return function timeout(environ, startResponse) {
    const deadline = new Deadline(environ, ms)
    // A copy with the deadline's tsgi.abort (spec §3.4.7, §7.4); a late startResponse of an app
    // whose response was replaced throws the timeout error into it instead of reaching the server.
    const inner: StartResponse = (status, headers, excInfo) => {
      if (deadline.expired) throw deadline.error
      startResponse(status, headers, excInfo)
    }
    let result: Body | Promise<Body>
    try {
      result = app({ ...environ, 'tsgi.abort': deadline.abort }, inner)
    } catch (error) {
      deadline.finish()
      throw error
    }
    return isPromise(result)
      ? race(result, deadline, onTimeout, startResponse)
      : timed(result, deadline, onTimeout, startResponse)
  }
}

/** The app's body under the deadline: arrays as they are, sync bodies sync, async ones async. */
function timed(body: Body, deadline: Deadline, onTimeout: App | undefined, startResponse: StartResponse): Body {
  if (Array.isArray(body)) {
    deadline.finish()
    return body
  }
  if (body !== null && typeof body === 'object' && Symbol.asyncIterator in body) {
    return new TimedBody(body, deadline, onTimeout, startResponse)
  }
  if (body !== null && typeof body === 'object' && Symbol.iterator in body) return new TimedSyncBody(body, deadline)
  // Not a body (spec §5.1): nothing to time; the server reports it.
  deadline.finish()
  return body
}

/** Waits for the app's promise, or for the time to be up, whichever comes first. */
function race(
  result: Promise<Body>,
  deadline: Deadline,
  onTimeout: App | undefined,
  startResponse: StartResponse,
): Promise<Body> {
  return new Promise<Body>((resolve, reject) => {
    deadline.onExpire = () => {
      if (onTimeout === undefined) return reject(deadline.error)
      // The replacement's body is passed on as it is: the timer has fired, nothing is left to time.
      replace(onTimeout, deadline, startResponse).then(({ body }) => resolve(body), reject)
    }
    result.then(
      (body) => {
        if (!deadline.expired) {
          deadline.onExpire = undefined // from here on the body, if anything, answers for the time
          return resolve(timed(body, deadline, onTimeout, startResponse))
        }
        // Too late: the answer went another way. Close the body unread (spec §5.4.8).
        closeLate(body, deadline)
      },
      (error) => {
        if (!deadline.expired) {
          deadline.finish()
          return reject(error)
        }
        deadline.logLate(error)
      },
    )
  })
}

function closeLate(body: Body, deadline: Deadline): void {
  try {
    const closing = (body as { close?: () => unknown } | null)?.close?.()
    if (isPromise<unknown>(closing)) closing.catch((error: unknown) => deadline.logLate(error))
  } catch (error) {
    deadline.logLate(error)
  }
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}
