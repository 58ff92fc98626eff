import {
  type AbortHandle,
  type App,
  createResponseDriver,
  describeValue,
  type Environ,
  type ErrorStream,
  errorResponse,
  isHTTPError,
} from '@tsgi/core'
import { environFromRequest } from './_internal/environ-from-request.js'
import { FetchSink } from './_internal/fetch-sink.js'

/** Options for {@link toFetchHandler}. */
export interface ToFetchHandlerOptions {
  /**
   * The path prefix the handler is reachable under, moved into `SCRIPT_NAME` (spec §2.6); a
   * request outside it is a 404.
   * @default '' (the app is at the root)
   */
  scriptName?: string
  /**
   * What `%2F` in the path becomes (spec §2.5).
   * @default 'reject'
   */
  encodedSlashes?: 'reject' | 'keep'
  /**
   * The most bytes a request body may have (spec §3.2, §6.4): a `Content-Length` over it is a 413
   * without calling the app; a longer streamed body makes the app's read reject with a 413.
   * `Infinity` turns the limit off.
   * @default 104857600 (100 MiB, as @tsgi/node)
   */
  maxBodySize?: number
  /**
   * Finds the client's address and port for `REMOTE_ADDR` and `REMOTE_PORT`, from the request and
   * whatever else the runtime passes the handler (Deno's `info.remoteAddr`, @hono/node-server's
   * `env.incoming.socket`, Bun's `server.requestIP(request)`); the Fetch API itself has none.
   * @default undefined (both keys are `''`)
   */
  remoteAddress?: (
    request: Request,
    ...context: unknown[]
  ) => { address: string; port?: number | undefined } | undefined
  /**
   * The value of `tsgi.multiprocess` (spec §2.4): whether copies of the app run side by side in
   * other processes or isolates (most edge platforms run many), so state kept in memory is not shared.
   * @default false
   */
  multiprocess?: boolean
  /**
   * The `tsgi.errors` stream.
   * @default a stream that writes to `console.error`
   */
  errors?: ErrorStream
}

const consoleErrors: ErrorStream = { write: (text) => console.error(text.replace(/\n$/, '')) }

/**
 * Runs a tsgi app as a fetch handler, `(request) => Promise<Response>`, on any runtime with the
 * Fetch API. The environ comes from the `Request` (spec §2), `tsgi.abort` follows
 * `request.signal`, and the response body streams: a `ReadableStream` pulls the app's body one
 * chunk at a time, and `close()` is called exactly once, also when the consumer cancels (spec §5.4).
 *
 * @throws {TypeError} if `app` is not a function or an option is invalid.
 * @example
 * export default { fetch: toFetchHandler(app) } // a Workers-style module
 */
export function toFetchHandler(
  app: App,
  options: ToFetchHandlerOptions = {},
): (request: Request, ...context: unknown[]) => Promise<Response> {
  if (typeof app !== 'function')
    throw new TypeError(`toFetchHandler(): app must be a function, got ${describeValue(app)}`)
  const {
    scriptName = '',
    encodedSlashes = 'reject',
    errors = consoleErrors,
    maxBodySize = 100 * 1024 * 1024,
  } = options
  if (typeof maxBodySize !== 'number' || Number.isNaN(maxBodySize) || maxBodySize < 0) {
    throw new RangeError(
      `toFetchHandler(): options.maxBodySize must be a number of bytes, got ${describeValue(maxBodySize)}`,
    )
  }
  if (
    typeof scriptName !== 'string' ||
    (scriptName !== '' && (!scriptName.startsWith('/') || scriptName.endsWith('/')))
  ) {
    throw new TypeError(
      `toFetchHandler(): options.scriptName must be '' or start and not end with '/', got ${JSON.stringify(scriptName)}`,
    )
  }
  if (encodedSlashes !== 'reject' && encodedSlashes !== 'keep') {
    throw new TypeError(
      `toFetchHandler(): options.encodedSlashes must be 'reject' or 'keep', got ${JSON.stringify(encodedSlashes)}`,
    )
  }
  if (errors === null || typeof errors !== 'object' || typeof errors.write !== 'function') {
    throw new TypeError('toFetchHandler(): options.errors must have a write(text) method')
  }

  const { remoteAddress, multiprocess = false } = options
  if (remoteAddress !== undefined && typeof remoteAddress !== 'function') {
    throw new TypeError(
      `toFetchHandler(): options.remoteAddress must be a function, got ${describeValue(remoteAddress)}`,
    )
  }
  if (typeof multiprocess !== 'boolean') {
    throw new TypeError(`toFetchHandler(): options.multiprocess must be a boolean, got ${describeValue(multiprocess)}`)
  }

  return async function fetchHandler(request: Request, ...context: unknown[]): Promise<Response> {
    const url = new URL(request.url)
    let built: { environ: Environ; abort: AbortHandle }
    try {
      built = environFromRequest(request, url, {
        encodedSlashes,
        scriptName,
        errors,
        remote: remoteAddress?.(request, ...context),
        maxBodySize,
        multiprocess,
      })
    } catch (thrown) {
      if (!isHTTPError(thrown)) throw thrown
      // Refused before the app runs (spec §6.2.4): the same error response the driver sends.
      const { status, reason, headers, body } = errorResponse(thrown)
      return new Response(body, { status, statusText: reason, headers: headers as [string, string][] })
    }
    const sink = new FetchSink(request.signal)
    createResponseDriver(built.environ, built.abort, sink).run(app)
    return sink.response
  }
}
