/**
 * @module
 * A tsgi app on AWS Lambda: API Gateway REST (v1) and HTTP (v2) APIs, ALB target groups and
 * function URLs, buffered or streamed.
 *
 * @example
 * import { toLambdaHandler } from '@tsgi/aws-lambda'
 * export const handler = toLambdaHandler(app)
 */

export type { LambdaResult, LambdaV1Result, LambdaV2Result } from './lambda-result.js'
export { type LambdaHandler, type LambdaHandlerOptions, toLambdaHandler } from './to-lambda-handler.js'
export {
  type LambdaStreamingHandler,
  type ResponseStream,
  toLambdaStreamingHandler,
} from './to-lambda-streaming-handler.js'
