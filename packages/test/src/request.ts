import { type App, concatBytes, isHTTPError } from '@tsgi/core'
import { buildExchange, type Exchange, toInit } from './_internal/build-environ.js'
import { type Head, TestSink } from './_internal/driver.js'
import { appToRun, errorHead, toResponse } from './_internal/respond.js'
import type { TestRequestInit, TestResponse } from './types.js'

/**
 * Runs an app in memory on one request and resolves to the whole response, the way a server
 * would serve it (werkzeug's test Client, Rack::MockRequest): the environ is built as a server
 * builds it (core's `decodePathInfo`; a path it rejects resolves to that 400 without calling the
 * app), the app runs wrapped in `lint()` (unless `{ lint: false }`), its sync or async body is
 * driven to the end, and `close()` is called exactly once.
 *
 * HEAD, 204 and 304 responses have an empty body, as a server sends them. A body is stopped
 * (`return()`, then `close()`) once it reached its Content-Length; one with more or fewer bytes
 * rejects, as a server cuts the connection, and the mismatch is written to `tsgi.errors`. A promise
 * from `close()` is waited for; a `close()` that throws or rejects is written to `tsgi.errors`
 * (see the response's `errors`), as a server logs it.
 *
 * @param target `'METHOD /path?query'` (`'/path'` alone is a GET), or the whole request as an init.
 * @param init the rest of the request, when `target` is a string.
 * @returns the response; rejects with any error the app or its body lets escape, an `HTTPError`
 * included (this client is not a server and renders nothing), and with a `LintError` for a
 * violation of the interface.
 * @throws {TypeError} (as a rejection) if `app` is not a function or the init is malformed.
 * @example
 * const response = await request(app, 'POST /echo', { body: 'hi', headers: { 'content-type': 'text/plain' } })
 * expect(response.status).toBe(200)
 * expect(response.text()).toBe('hi')
 */
export async function request(
  app: App,
  target: string | TestRequestInit,
  init?: TestRequestInit,
): Promise<TestResponse> {
  const options = toInit('request', target, init)
  let exchange: Exchange
  try {
    exchange = buildExchange('request', options)
  } catch (error) {
    if (!isHTTPError(error)) throw error
    const { head, body } = errorHead(error)
    return toResponse(head, body, undefined)
  }
  const sink = TestSink.run(exchange, appToRun('request', app, exchange.lint), Number.POSITIVE_INFINITY)
  const chunks: Uint8Array[] = []
  try {
    await sink.committed
    for (let chunk = await sink.next(); chunk !== undefined; chunk = await sink.next()) {
      chunks.push(chunk)
    }
  } finally {
    // As a graceful shutdown does: the body's close() and return() settle before the answer.
    await sink.closing
  }
  sink.verify()
  return toResponse(sink.response as Head, concatBytes(chunks), exchange.collector)
}
