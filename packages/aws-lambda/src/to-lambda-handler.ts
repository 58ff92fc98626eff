import type { App, ErrorStream } from '@tsgi/core'
import { handlerFor } from './_internal/handler-for.js'
import { type EventRequest, requestFromEvent } from './_internal/request-from-event.js'
import { encodeBody, isTextType, resultFromResponse } from './_internal/result-from-response.js'
import type { LambdaResult } from './lambda-result.js'

/** Options for {@link toLambdaHandler} and {@link toLambdaStreamingHandler}. */
export interface LambdaHandlerOptions {
  /**
   * `SCRIPT_NAME` for every request: the base path a custom domain maps to the API. By default it
   * comes from the event: the REST stage (`/prod`) or base path API Gateway kept in
   * `requestContext.path`, or an HTTP API's named stage at the start of `rawPath`.
   * @default undefined (from the event)
   */
  basePath?: string
  /**
   * The most bytes a request body may have, after base64 decoding; more is a 413 without calling
   * the app (spec §6.4). Lambda itself refuses payloads over 6 MB.
   * @default 6291456 (6 MiB)
   */
  maxBodySize?: number
  /**
   * The most bytes of a buffered response body, before base64; a larger one becomes a logged 500,
   * never a truncated body. Lambda refuses responses over 6 MB.
   * @default 6291456 (6 MiB)
   */
  maxResponseSize?: number
  /**
   * Whether a response of this Content-Type is sent as text (else base64, which API Gateway turns
   * back into bytes for its binary media types). A body that is not valid UTF-8 goes base64 anyway.
   * @default text/*, JSON, XML, JavaScript, form data, SVG
   */
  isText?: (contentType: string) => boolean
  /**
   * The `tsgi.errors` stream.
   * @default a stream that writes to `console.error` (CloudWatch Logs)
   */
  errors?: ErrorStream
}

/** A Lambda function handler for HTTP events. */
export type LambdaHandler = (event: unknown, context?: unknown) => Promise<LambdaResult>

const SIX_MIB = 6 * 1024 * 1024
const consoleErrors: ErrorStream = { write: (text) => console.error(text.replace(/\n$/, '')) }

/**
 * Runs a tsgi app as an AWS Lambda handler behind API Gateway REST APIs (payload 1.0), HTTP APIs
 * (payload 2.0), Application Load Balancers and Lambda function URLs. Each event becomes a request
 * for `@tsgi/fetch`'s adapter, so the environ and the response follow the spec as on any server;
 * the result takes the shape the event's integration expects: multi-value headers for REST and
 * ALB, the `cookies` array for HTTP APIs and function URLs, binary bodies in base64.
 *
 * @throws {TypeError} / {RangeError} for a bad `app` or option; the handler throws a `TypeError`
 * for an event of any other kind (an S3 or SQS event sent to the function by mistake).
 * @example
 * export const handler = toLambdaHandler(app)
 */
export function toLambdaHandler(app: App, options: LambdaHandlerOptions = {}): LambdaHandler {
  const { maxResponseSize = SIX_MIB, isText = isTextType, errors = consoleErrors, basePath } = options
  if (typeof maxResponseSize !== 'number' || !(maxResponseSize >= 0)) {
    throw new RangeError(
      `toLambdaHandler(): options.maxResponseSize must be a number of bytes, got ${String(maxResponseSize)}`,
    )
  }
  if (typeof isText !== 'function')
    throw new TypeError(`toLambdaHandler(): options.isText must be a function, got ${typeof isText}`)
  const handlers = handlerFor(app, {
    caller: 'toLambdaHandler()',
    errors,
    basePath,
    maxBodySize: options.maxBodySize ?? SIX_MIB,
  })
  return async function lambdaHandler(event) {
    const parsed = requestFromEvent(event, basePath)
    const response = await handlers(parsed)
    const bytes = new Uint8Array(await response.arrayBuffer())
    if (bytes.byteLength > maxResponseSize) return tooLarge(parsed, bytes.byteLength, maxResponseSize, errors)
    const cookies = response.headers.getSetCookie()
    if (parsed.kind === 'alb' && !parsed.multiValue && cookies.length > 1) {
      errors.write(
        `toLambdaHandler(): ${cookies.length} Set-Cookie fields, but the ALB target group has no multi-value headers; only the last is sent\n`,
      )
    }
    return resultFromResponse(parsed.kind, parsed.multiValue, response, encodeBody(bytes, response.headers, isText))
  }
}

function tooLarge(parsed: EventRequest, size: number, limit: number, errors: ErrorStream): LambdaResult {
  errors.write(`toLambdaHandler(): the response body has ${size} bytes, over maxResponseSize (${limit}); sent a 500\n`)
  const response = new Response(null, { status: 500, statusText: 'Internal Server Error' })
  return resultFromResponse(parsed.kind, parsed.multiValue, response, { body: '', isBase64Encoded: false })
}
