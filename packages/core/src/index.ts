/**
 * @module
 * The tsgi interface (PEP 3333 for TypeScript) and the tools every layer shares: types,
 * `compose`, body helpers, path decoding, URL reconstruction, headers, status lines and the
 * `HTTPError` family. See docs/spec.md.
 *
 * @example
 * import { compose, statusLine, type App } from '@tsgi/core'
 */

// One export line per source file, sorted by file name (Biome's organizer keeps them so).
export { type AbortHandle, abortSignal, createAbort } from './abort.js'
export { type BodyChannel, bodyChannel } from './body-channel.js'
export { CGI_KEYS } from './cgi-keys.js'
export { checkHeaderList, errorHeaders } from './check-header-list.js'

export { compose } from './compose.js'
export { concatBytes } from './concat-bytes.js'
export { decodeHeaderUtf8 } from './decode-header-utf8.js'
export { type DecodePathInfoOptions, decodePathInfo } from './decode-path-info.js'
export { decodeRequestTarget } from './decode-request-target.js'
export { describeValue } from './describe-value.js'
export { environKey } from './environ-key.js'
export { type ErrorResponse, errorResponse } from './error-response.js'
export {
  BadRequest,
  Conflict,
  Forbidden,
  InternalServerError,
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
} from './errors.js'
export { HOP_BY_HOP_HEADERS, isHeaderName, isHeaderValue, isHopByHop } from './header-rules.js'
export { getHeader, withHeader, withoutHeader } from './headers.js'
export { HTTPError, type HTTPErrorOptions, isHTTPError } from './http-error.js'
export { createInput, emptyInput } from './input.js'
export { logError } from './log-error.js'
export { DEFAULT_MAX_ENTRIES, type NegotiatedField, type NegotiateOptions, negotiate } from './negotiate.js'
export { type ContentType, parseContentType } from './parse-content-type.js'
export { bodyTooLarge, DEFAULT_BODY_LIMIT, type ReadBodyOptions, readBody } from './read-body.js'
export { applicationUri, type RequestUriOptions, requestUri } from './request-uri.js'
export { createResponseDriver, type ResponseDriver } from './response-driver.js'
export type { ResponseSink } from './response-sink.js'
export { type ShiftedPath, shiftPathInfo } from './shift-path-info.js'
export { type ParsedStatus, parseStatus, statusLine } from './status-line.js'
export {
  type AsyncTransformHooks,
  type BodyOutcome,
  type BodyTransformHooks,
  type TransformHooks,
  transform,
  transformBody,
  whenBody,
} from './transform.js'
export type {
  AbortState,
  App,
  Body,
  Chunk,
  Environ,
  EnvironExtensions,
  ErrorStream,
  HeaderList,
  Middleware,
  StartResponse,
} from './types.js'
