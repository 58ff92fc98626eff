/** What a handler returns to API Gateway REST (v1) or an ALB. */
export interface LambdaV1Result {
  statusCode: number
  /** ALB only: the status line's text, `"200 OK"`. */
  statusDescription?: string
  headers?: Record<string, string>
  multiValueHeaders?: Record<string, string[]>
  body: string
  isBase64Encoded: boolean
}

/** What a handler returns to an HTTP API (v2) or a function URL. */
export interface LambdaV2Result {
  statusCode: number
  headers: Record<string, string>
  cookies: string[]
  body: string
  isBase64Encoded: boolean
}

/**
 * What a handler returns, in the shape of the integration that sent the event.
 *
 * @example
 * const result: LambdaResult = { statusCode: 200, headers: {}, cookies: [], body: 'ok', isBase64Encoded: false }
 */
export type LambdaResult = LambdaV1Result | LambdaV2Result
