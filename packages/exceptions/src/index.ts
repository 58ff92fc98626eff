/**
 * @module
 * `exceptionMiddleware()` turns errors thrown by an app into safe HTTP error responses;
 * `renderError()` renders one for a framework that handles errors itself; the `HTTPError`
 * family (defined in `@tsgi/core`, so every layer can throw it) lets an app choose the response.
 *
 * @example
 * import { exceptionMiddleware, NotFound } from '@tsgi/exceptions'
 */

// Errors (defined in core so every layer can throw them; re-exported for convenience)
export {
  BadRequest,
  Conflict,
  Forbidden,
  HTTPError,
  type HTTPErrorOptions,
  InternalServerError,
  isHTTPError,
  MethodNotAllowed,
  NotAcceptable,
  NotFound,
  NotImplemented,
  PayloadTooLarge,
  RequestHeaderFieldsTooLarge,
  ServiceUnavailable,
  TooManyRequests,
  Unauthorized,
  UnprocessableEntity,
  UnsupportedMediaType,
} from '@tsgi/core'
// Middleware
export { type ExceptionMiddlewareOptions, exceptionMiddleware } from './exception-middleware.js'
// Rendering, for frameworks that send their own error responses
export { type RenderErrorOptions, type RenderedError, renderError } from './render-error.js'
