import type { App, ErrorStream } from '@tsgi/core'
import { handlerFor } from './_internal/handler-for.js'
import { requestFromEvent } from './_internal/request-from-event.js'
import type { LambdaHandlerOptions } from './to-lambda-handler.js'

/** The writable stream Lambda hands a streaming handler (a Node `Writable`). */
export interface ResponseStream {
  write(chunk: Uint8Array): boolean
  end(): void
  destroy(error?: Error): void
  once(event: 'drain', listener: () => void): unknown
}

/** The `awslambda` global of the Node.js Lambda runtime, as far as a streaming handler uses it. */
interface AwsLambdaGlobal {
  HttpResponseStream: {
    from(
      stream: ResponseStream,
      prelude: { statusCode: number; headers: Record<string, string>; cookies: string[] },
    ): ResponseStream
  }
}

/** A handler for `awslambda.streamifyResponse()`. */
export type LambdaStreamingHandler = (
  event: unknown,
  responseStream: ResponseStream,
  context?: unknown,
) => Promise<void>

const consoleErrors: ErrorStream = { write: (text) => console.error(text.replace(/\n$/, '')) }

/**
 * Runs a tsgi app as a streaming Lambda handler for function URLs (invoke mode
 * `RESPONSE_STREAM`): the status and headers go out first, then each chunk of the body as the app
 * yields it, with no 6 MB buffer. A body that fails after the head ends the stream with an error,
 * so the client sees a cut response. Wrap it in the runtime's `awslambda.streamifyResponse`.
 *
 * @throws {TypeError} for a bad `app` or option; the handler throws for an event of another kind,
 * or outside the Lambda runtime (no `awslambda` global).
 * @example
 * export const handler = awslambda.streamifyResponse(toLambdaStreamingHandler(app))
 */
export function toLambdaStreamingHandler(app: App, options: LambdaHandlerOptions = {}): LambdaStreamingHandler {
  const errors = options.errors ?? consoleErrors
  const serve = handlerFor(app, {
    caller: 'toLambdaStreamingHandler()',
    errors,
    basePath: options.basePath,
    maxBodySize: options.maxBodySize ?? 6 * 1024 * 1024,
  })
  return async function lambdaStreamingHandler(event, responseStream) {
    const awslambda = (globalThis as { awslambda?: AwsLambdaGlobal }).awslambda
    if (awslambda === undefined) {
      throw new TypeError('toLambdaStreamingHandler(): no awslambda global; it runs inside the Lambda Node.js runtime')
    }
    const response = await serve(requestFromEvent(event, options.basePath))
    const headers: Record<string, string> = {}
    for (const [name, value] of response.headers) if (name !== 'set-cookie') headers[name] = value
    const prelude = { statusCode: response.status, headers, cookies: response.headers.getSetCookie() }
    const stream = awslambda.HttpResponseStream.from(responseStream, prelude)
    try {
      for await (const chunk of response.body ?? []) {
        if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', resolve))
      }
    } catch (error) {
      stream.destroy(error as Error)
      return
    }
    stream.end()
  }
}
