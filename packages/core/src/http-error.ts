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
   * Normalises anything that was thrown (spec §8.2). HTTPErrors pass through; other errors that
   * carry an integer `status` from 400 to 599 keep it (finalhandler's rule) with their `expose`
   * if boolean; anything else, including non-Error throws, becomes an unexposed 500 whose
   * `cause` is what was thrown.
   *
   * @example
   * catch (thrown) { const error = HTTPError.from(thrown); startResponse(statusLine(error.status), [], error) }
   */
  static from(thrown: unknown): HTTPError {
    if (isHTTPError(thrown)) return thrown
    if (thrown instanceof Error) {
      const { status, expose, headers } = thrown as Error & { status?: unknown; expose?: unknown; headers?: unknown }
      if (typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599) {
        return new HTTPError(status, thrown.message, {
          cause: thrown,
          ...(typeof expose === 'boolean' ? { expose } : {}),
          ...(Array.isArray(headers) ? { headers: headers as HeaderList } : {}),
        })
      }
    }
    return new HTTPError(500, undefined, { cause: thrown, expose: false })
  }
}

/**
 * Tells whether a value is an {@link HTTPError}, by its brand rather than `instanceof`, so the
 * check holds across duplicate package copies and realms.
 *
 * @example
 * if (isHTTPError(error) && error.status === 404) { ... }
 */
export function isHTTPError(value: unknown): value is HTTPError {
  return typeof value === 'object' && value !== null && (value as { isHTTPError?: unknown }).isHTTPError === true
}
