import { type App, getHeader, isHTTPError } from '@tsgi/core'
import { buildExchange, type ErrorCollector, type Exchange, toInit } from './_internal/build-environ.js'
import { type Head, TestSink } from './_internal/driver.js'
import { appToRun, errorHead } from './_internal/respond.js'
import type { TestRequestInit, TestStream } from './types.js'

/**
 * Runs an app in memory like {@link request}, but resolves as soon as the headers are committed
 * (the first non-empty chunk, or the end of the body), so a test can read the body chunk by chunk
 * and go away early: `abort()` (or `break` out of `chunks`) is the client disconnecting, which
 * aborts `tsgi.abort` and closes the body (spec §3.4, §5.4).
 *
 * @param target `'METHOD /path?query'`, or the whole request as an init.
 * @returns the stream; rejects with an error the app or its body lets escape before the headers
 * are committed (later ones reject the pending read of `chunks`), or a `LintError`.
 * @example
 * const response = await stream(sseApp, 'GET /events')
 * for await (const chunk of response.chunks) {
 *   if (new TextDecoder().decode(chunk).includes('ready')) break // the client goes away
 * }
 */
export async function stream(app: App, target: string | TestRequestInit, init?: TestRequestInit): Promise<TestStream> {
  const options = toInit('stream', target, init)
  let exchange: Exchange
  try {
    exchange = buildExchange('stream', options)
  } catch (error) {
    if (!isHTTPError(error)) throw error
    const { head, body } = errorHead(error)
    return toStream(head, body, undefined, undefined)
  }
  const sink = TestSink.run(exchange, appToRun('stream', app, exchange.lint), 1)
  let head: Head
  try {
    head = await sink.committed
  } catch (error) {
    await sink.closing
    throw error
  }
  return toStream(head, undefined, sink, exchange.collector)
}

function toStream(
  head: Head,
  first: Uint8Array | undefined,
  driver: TestSink | undefined,
  collector: ErrorCollector | undefined,
): TestStream {
  let iterated = false
  let next = first
  const chunks: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      if (iterated) throw new TypeError('stream(): chunks can be iterated only once')
      iterated = true
      return {
        async next(): Promise<IteratorResult<Uint8Array>> {
          const chunk = next ?? (await driver?.next())
          next = undefined
          if (chunk === undefined && driver !== undefined) {
            await driver.closing
            driver.verify()
          }
          return chunk === undefined ? { done: true, value: undefined } : { done: false, value: chunk }
        },
        async return(): Promise<IteratorResult<Uint8Array>> {
          next = undefined
          driver?.abort()
          await driver?.closing
          return { done: true, value: undefined }
        },
      }
    },
  }
  return {
    status: head.code,
    statusText: head.reason,
    headers: head.headers,
    header: (name: string) => getHeader(head.headers, name),
    chunks,
    abort(): void {
      next = undefined
      driver?.abort()
    },
    get errors() {
      return collector?.text ?? ''
    },
  }
}
