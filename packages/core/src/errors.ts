import { describe } from './_internal/describe.js'
import { HTTPError, type HTTPErrorOptions } from './http-error.js'

// The common statuses as classes (spec §8.1), so that every layer (router, query parser, server)
// can signal a 4xx/5xx without depending on @tsgi/exceptions, which renders them.

/**
 * 400: The request is malformed: a bad query, body or path (RFC 9110 §15.5.1).
 *
 * @example
 * throw new BadRequest()
 */
export class BadRequest extends HTTPError {
  override name = 'BadRequest'
  constructor(message?: string, options?: HTTPErrorOptions) {
    super(400, message, options)
  }
}

/**
 * 401: Authentication is needed; pass a `www-authenticate` header in `options.headers` (RFC 9110 §15.5.2).
 *
 * @example
 * throw new Unauthorized(undefined, { headers: [['www-authenticate', 'Bearer']] })
 */
export class Unauthorized extends HTTPError {
  override name = 'Unauthorized'
  constructor(message?: string, options?: HTTPErrorOptions) {
    super(401, message, options)
  }
}

/**
 * 403: The client may not do this (RFC 9110 §15.5.4).
 *
 * @example
 * throw new Forbidden()
 */
export class Forbidden extends HTTPError {
  override name = 'Forbidden'
  constructor(message?: string, options?: HTTPErrorOptions) {
    super(403, message, options)
  }
}

/**
 * 404: Nothing is here (RFC 9110 §15.5.5).
 *
 * @example
 * throw new NotFound(`No user with id ${id}`)
 */
export class NotFound extends HTTPError {
  override name = 'NotFound'
  constructor(message?: string, options?: HTTPErrorOptions) {
    super(404, message, options)
  }
}

/**
 * 405: the path exists, but not for this method. `allowed` becomes the `allow` header, which
 * RFC 9110 §15.5.6 requires on a 405.
 *
 * @throws {TypeError} if `allowed` is not an array of method names, or `options` as for {@link HTTPError}.
 * @example
 * throw new MethodNotAllowed(['GET', 'HEAD'])
 */
export class MethodNotAllowed extends HTTPError {
  override name = 'MethodNotAllowed'
  /** The methods the resource supports, as sent in `allow`. */
  readonly allowed: readonly string[]
  constructor(allowed: readonly string[], message?: string, options: HTTPErrorOptions = {}) {
    if (!Array.isArray(allowed) || !allowed.every((method) => typeof method === 'string')) {
      throw new TypeError(`MethodNotAllowed: allowed must be an array of method names, got ${describe(allowed)}`)
    }
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`MethodNotAllowed: options must be an object, got ${describe(options)}`)
    }
    const headers = options.headers ?? []
    if (!Array.isArray(headers)) {
      throw new TypeError(
        `MethodNotAllowed: options.headers must be an array of [name, value] pairs, got ${describe(headers)}`,
      )
    }
    super(405, message, { ...options, headers: [...headers, ['allow', allowed.join(', ')]] })
    // A copy, frozen: the allow header was built from it, so it must not change afterwards.
    this.allowed = Object.freeze([...allowed])
  }
}

/**
 * 406: No representation matches the request's `Accept` (RFC 9110 §15.5.7).
 *
 * @example
 * throw new NotAcceptable()
 */
export class NotAcceptable extends HTTPError {
  override name = 'NotAcceptable'
  constructor(message?: string, options?: HTTPErrorOptions) {
    super(406, message, options)
  }
}

/**
 * 409: The request conflicts with the resource's state (RFC 9110 §15.5.10).
 *
 * @example
 * throw new Conflict()
 */
export class Conflict extends HTTPError {
  override name = 'Conflict'
  constructor(message?: string, options?: HTTPErrorOptions) {
    super(409, message, options)
  }
}

/**
 * 413: The request body is over a limit (RFC 9110 §15.5.14).
 *
 * @example
 * throw new PayloadTooLarge()
 */
export class PayloadTooLarge extends HTTPError {
  override name = 'PayloadTooLarge'
  constructor(message?: string, options?: HTTPErrorOptions) {
    super(413, message, options)
  }
}

/**
 * 415: The request body's media type is not one this app reads (RFC 9110 §15.5.16).
 *
 * @example
 * throw new UnsupportedMediaType()
 */
export class UnsupportedMediaType extends HTTPError {
  override name = 'UnsupportedMediaType'
  constructor(message?: string, options?: HTTPErrorOptions) {
    super(415, message, options)
  }
}

/**
 * 422: The body parsed, but its content is not acceptable (RFC 9110 §15.5.21).
 *
 * @example
 * throw new UnprocessableEntity()
 */
export class UnprocessableEntity extends HTTPError {
  override name = 'UnprocessableEntity'
  constructor(message?: string, options?: HTTPErrorOptions) {
    super(422, message, options)
  }
}

/**
 * 429: Rate limited; pass a `retry-after` header in `options.headers` (RFC 6585 §4).
 *
 * @example
 * throw new TooManyRequests()
 */
export class TooManyRequests extends HTTPError {
  override name = 'TooManyRequests'
  constructor(message?: string, options?: HTTPErrorOptions) {
    super(429, message, options)
  }
}

/**
 * 431: The request's header fields are over a limit (RFC 6585 §5).
 *
 * @example
 * throw new RequestHeaderFieldsTooLarge()
 */
export class RequestHeaderFieldsTooLarge extends HTTPError {
  override name = 'RequestHeaderFieldsTooLarge'
  constructor(message?: string, options?: HTTPErrorOptions) {
    super(431, message, options)
  }
}

/**
 * 500: A server fault; its message is never shown unless `expose` (RFC 9110 §15.6.1).
 *
 * @example
 * throw new InternalServerError()
 */
export class InternalServerError extends HTTPError {
  override name = 'InternalServerError'
  constructor(message?: string, options?: HTTPErrorOptions) {
    super(500, message, options)
  }
}

/**
 * 501: The server does not support this (RFC 9110 §15.6.2).
 *
 * @example
 * throw new NotImplemented()
 */
export class NotImplemented extends HTTPError {
  override name = 'NotImplemented'
  constructor(message?: string, options?: HTTPErrorOptions) {
    super(501, message, options)
  }
}

/**
 * 503: Temporarily unable to serve; pass a `retry-after` header in `options.headers` (RFC 9110 §15.6.4).
 *
 * @example
 * throw new ServiceUnavailable()
 */
export class ServiceUnavailable extends HTTPError {
  override name = 'ServiceUnavailable'
  constructor(message?: string, options?: HTTPErrorOptions) {
    super(503, message, options)
  }
}
