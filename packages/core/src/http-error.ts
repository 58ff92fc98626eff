import { describe } from './_internal/describe.js'
import { statusLine } from './status-line.js'
import type { HeaderList } from './types.js'

/** Options for {@link HTTPError}. */
export interface HTTPErrorOptions {
  /**
   * Extra response headers, e.g. `allow` for 405 or `www-authenticate` for 401.
   * @default []
   */
  headers?: HeaderList
  /**
   * What caused this error. Logged, never shown to the client unless `expose` is true.
   * @default undefined
   */
  cause?: unknown
  /**
   * Whether `message` may be sent to the client.
   * @default status < 500
   */
  expose?: boolean
}

/**
 * An error that knows which HTTP response it should become (spec §8.1). Throw it from any layer;
 * the server adapter and `exceptionMiddleware` render it with its status and headers, and show
 * its message only when `expose` is true.
 *
 * @throws {RangeError} if `status` is not an integer from 400 to 599.
 * @throws {TypeError} if `status` is not a number, or `message` or an option has the wrong type.
 * @example
 * throw new HTTPError(404, `No user with id ${id}`)
 */
export class HTTPError extends Error {
  override name = 'HTTPError'
  /** The response status code, 400–599. */
  readonly status: number
  /** Extra response headers this error carries. */
  readonly headers: HeaderList
  /** Whether the message may be shown to the client. */
  readonly expose: boolean

  constructor(status: number, message?: string, options: HTTPErrorOptions = {}) {
    if (typeof status !== 'number') {
      throw new TypeError(`HTTPError: status must be a number, got ${describe(status)}`)
    }
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`HTTPError: status must be an integer from 400 to 599, got ${describe(status)}`)
    }
    if (message !== undefined && typeof message !== 'string') {
      throw new TypeError(`HTTPError: message must be a string, got ${describe(message)}`)
    }
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`HTTPError: options must be an object, got ${describe(options)}`)
    }
    if (options.headers !== undefined && !Array.isArray(options.headers)) {
      throw new TypeError(
        `HTTPError: options.headers must be an array of [name, value] pairs, got ${describe(options.headers)}`,
      )
    }
    if (options.expose !== undefined && typeof options.expose !== 'boolean') {
      throw new TypeError(`HTTPError: options.expose must be a boolean, got ${describe(options.expose)}`)
    }
    super(message ?? statusLine(status).slice(4), 'cause' in options ? { cause: options.cause } : undefined)
    this.status = status
    this.headers = options.headers ?? []
    this.expose = options.expose ?? status < 500
  }

  /** Brand read by `isHTTPError()`; a getter, so it stays out of JSON and object spreads. */
  get isHTTPError(): true {
    return true
  }

  /**
   * Normalises anything that was thrown (spec §8.2), and never throws itself. An HTTPError (by
   * its brand, so from any copy of core or realm) whose status, headers, expose and message are
   * all valid passes through; a branded value missing some of them is rebuilt; other errors that carry
   * such a `status` keep it (finalhandler's rule) with their `expose` if boolean. Anything else
   * becomes an unexposed 500 whose `cause` is what was thrown: non-Error throws, a brand or
   * `status` that is not a 4xx/5xx (`{ isHTTPError: true, status: 200 }` never becomes a
   * success), and values whose properties throw when read (a getter, a revoked Proxy).
   *
   * @example
   * catch (thrown) { const error = HTTPError.from(thrown); startResponse(statusLine(error.status), [], error) }
   */
  static from(thrown: unknown): HTTPError {
    try {
      return fromThrown(thrown)
    } catch {
      // A property getter threw, or a Proxy was revoked: nothing of it can be trusted.
      return new HTTPError(500, undefined, { cause: thrown, expose: false })
    }
  }
}

/** `HTTPError.from` without its safety net: reading `thrown` may throw. */
function fromThrown(thrown: unknown): HTTPError {
  if (thrown === null || typeof thrown !== 'object')
    return new HTTPError(500, undefined, { cause: thrown, expose: false })
  const { isHTTPError: brand, status, expose, headers, message } = thrown as Partial<HTTPError>
  const branded = brand === true
  if (!isErrorStatus(status) || !(branded || thrown instanceof Error)) {
    return new HTTPError(500, undefined, { cause: thrown, expose: false })
  }
  // Complete as a constructor makes it (this copy of core or another): passed through as is.
  if (branded && Array.isArray(headers) && typeof expose === 'boolean' && typeof message === 'string') {
    return thrown as HTTPError
  }
  return new HTTPError(status, typeof message === 'string' ? message : undefined, {
    cause: thrown,
    ...(typeof expose === 'boolean' ? { expose } : {}),
    ...(Array.isArray(headers) ? { headers: headers as HeaderList } : {}),
  })
}

function isErrorStatus(status: unknown): status is number {
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599
}

/**
 * Tells whether a value is an {@link HTTPError}, by its brand rather than `instanceof`, so the
 * check holds across duplicate package copies and realms. A brand alone is not trusted: the
 * `status` must also be an integer from 400 to 599, and a value whose properties throw when read
 * (a getter, a revoked Proxy) is not one. It never throws.
 *
 * @example
 * if (isHTTPError(error) && error.status === 404) { ... }
 */
export function isHTTPError(value: unknown): value is HTTPError {
  if (typeof value !== 'object' || value === null) return false
  try {
    return (value as { isHTTPError?: unknown }).isHTTPError === true && isErrorStatus((value as HTTPError).status)
  } catch {
    return false
  }
}
