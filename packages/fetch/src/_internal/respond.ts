import {
  type AbortHandle,
  type Body,
  type Chunk,
  type Environ,
  errorHeaders,
  getHeader,
  HTTPError,
  statusLine,
} from '@tsgi/core'
import type { ResponseState } from './response-state.js'

const NO_BODY_STATUS = new Set([204, 304])

/**
 * Sends an app's body as a fetch `Response` (spec §4.6, §5): pulls until the headers can be
 * committed, then streams the rest through a `ReadableStream`, enforcing Content-Length and calling
 * `return()` and `close()` in the order of spec §5.4.
 */
export async function respond(
  body: Body,
  state: ResponseState,
  environ: Environ,
  abort: AbortHandle,
): Promise<Response> {
  const bodiless = environ.REQUEST_METHOD === 'HEAD'
  if (Array.isArray(body)) return respondWithArray(body, state, environ, bodiless)
  const iterator =
    Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : (body as Iterable<Chunk>)[Symbol.iterator]()
  let closed = false
  const close = (): void => {
    if (closed) return
    closed = true
    closeBody(body, environ)
  }
  // An early stop (spec §5.4.3): return(), then close() once a promise from return() settled.
  const stopThenClose = (): void => {
    const returned = stopEarly(iterator, environ)
    if (returned === undefined) close()
    else returned.then(close)
  }
  // Pull until the headers can be committed: the first non-empty chunk, or the end (spec §4.6).
  let first: Chunk | undefined
  try {
    for (;;) {
      const step = await iterator.next()
      if (step.done) break
      checkChunk(step.value)
      if (state.status === undefined)
        throw new TypeError('The body yielded a chunk before startResponse() was called (spec §4.6)')
      if (step.value.length > 0) {
        first = step.value
        break
      }
    }
    if (state.status === undefined) throw new TypeError('The app returned without calling startResponse() (spec §4.6)')
  } catch (thrown) {
    stopThenClose()
    return failedResponse(thrown, environ)
  }
  state.committed = true
  const status = state.status
  const headers = new Headers(state.headers as [string, string][])
  // A 204 carries no Content-Length whatever the app said (spec §5.6.4).
  if (status === 204) headers.delete('content-length')
  if (first === undefined || bodiless || NO_BODY_STATUS.has(status)) {
    if (first !== undefined) stopThenClose()
    if (first === undefined && !bodiless && !NO_BODY_STATUS.has(status) && !headers.has('content-length')) {
      headers.set('content-length', '0')
    }
    return new Response(null, { status, statusText: state.statusText, headers })
  }
  const declared = getHeader(state.headers, 'content-length')
  const limit = declared === undefined ? Number.POSITIVE_INFINITY : Number(declared)
  let sent = 0
  let pending = false
  let cancelled = false
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (first !== undefined) {
        const chunk = first
        first = undefined
        sent += chunk.length
        if (sent > limit) return cut(controller, 'more bytes than its Content-Length')
        controller.enqueue(chunk)
        if (sent === limit) complete(controller)
        return
      }
      for (;;) {
        let step: IteratorResult<Chunk>
        pending = true
        try {
          step = await iterator.next()
        } catch (thrown) {
          pending = false
          if (cancelled) return
          log(environ, 'the body failed after the headers were sent', thrown)
          stopThenClose()
          controller.error(thrown)
          return
        } finally {
          pending = false
        }
        if (cancelled) {
          stopEarly(iterator, environ) // spec §5.4: return() once the pending next() settled
          return
        }
        if (step.done) {
          close()
          if (sent < limit && limit !== Number.POSITIVE_INFINITY)
            return cut(controller, 'fewer bytes than its Content-Length')
          controller.close()
          return
        }
        try {
          checkChunk(step.value)
        } catch (thrown) {
          log(environ, 'the body yielded a bad chunk', thrown)
          stopThenClose()
          controller.error(thrown)
          return
        }
        if (step.value.length === 0) continue
        sent += step.value.length
        if (sent > limit) return cut(controller, 'more bytes than its Content-Length')
        controller.enqueue(step.value)
        if (sent === limit) complete(controller)
        return
      }
    },
    cancel() {
      // The consumer went away (spec §5.4): abort, close() at once, return() when a pending next() settles.
      cancelled = true
      abort.abort()
      if (pending) close()
      else stopThenClose()
    },
  })
  // Content-Length reached: the response is complete, an early stop (spec §5.5.2, §5.4.3).
  const complete = (controller: ReadableStreamDefaultController<Uint8Array>): void => {
    stopThenClose()
    controller.close()
  }
  const cut = (controller: ReadableStreamDefaultController<Uint8Array>, why: string): void => {
    const error = new Error(`The app sent ${why} (spec §5.5); the response was cut`)
    log(environ, 'Content-Length mismatch', error)
    stopThenClose()
    controller.error(error)
  }
  return new Response(stream, { status, statusText: state.statusText, headers })
}

/** spec §5.5: an array body is sent whole, with the sum of its chunks as Content-Length. */
function respondWithArray(body: Chunk[] & Body, state: ResponseState, environ: Environ, bodiless: boolean): Response {
  let size = 0
  try {
    for (let index = 0; index < body.length; index++) {
      const chunk = body[index]
      checkChunk(chunk)
      if (chunk.length > 0 && state.status === undefined) {
        throw new TypeError('The body yielded a chunk before startResponse() was called (spec §4.6)')
      }
      size += chunk.length
    }
    if (state.status === undefined) throw new TypeError('The app returned without calling startResponse() (spec §4.6)')
  } catch (thrown) {
    closeBody(body, environ)
    return failedResponse(thrown, environ)
  }
  closeBody(body, environ)
  state.committed = true
  const headers = new Headers(state.headers as [string, string][])
  const noBody = bodiless || NO_BODY_STATUS.has(state.status)
  // spec §5.6: HEAD keeps the Content-Length a GET would send; 204 and 304 get none computed, and
  // a 204 none at all (spec §5.6.4).
  if (state.status === 204) headers.delete('content-length')
  if (!NO_BODY_STATUS.has(state.status) && !headers.has('content-length')) headers.set('content-length', String(size))
  const chunks = body
  const payload = noBody
    ? null
    : chunks.length === 1
      ? chunks[0]!
      : new ReadableStream<Uint8Array>({
          start(controller) {
            for (const chunk of chunks) if (chunk.length > 0) controller.enqueue(chunk)
            controller.close()
          },
        })
  return new Response(payload, { status: state.status, statusText: state.statusText, headers })
}

function closeBody(body: Body, environ: Environ): void {
  try {
    const result = body.close?.()
    if (result && typeof result.then === 'function') {
      result.then(undefined, (error: unknown) => log(environ, 'body close() rejected', error))
    }
  } catch (error) {
    log(environ, 'body close() threw', error)
  }
}

/** Calls `return()`; a promise it gives comes back settled-never-rejecting (its rejection is logged). */
function stopEarly(iterator: Iterator<Chunk> | AsyncIterator<Chunk>, environ: Environ): Promise<unknown> | undefined {
  try {
    const result = iterator.return?.()
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      return Promise.resolve(result).then(undefined, (error) => log(environ, 'body return() rejected', error))
    }
  } catch (error) {
    log(environ, 'body return() threw', error)
  }
  return undefined
}

export function checkBody(body: unknown): asserts body is Body {
  const ok =
    typeof body === 'object' &&
    body !== null &&
    !(body instanceof Uint8Array) &&
    (Symbol.asyncIterator in body || Symbol.iterator in body)
  if (!ok) {
    const got = typeof body === 'string' ? 'a string' : body instanceof Uint8Array ? 'a bare Uint8Array' : typeof body
    throw new TypeError(`The app must return an iterable of Uint8Array chunks (spec §5.1), got ${got}`)
  }
}

function checkChunk(chunk: unknown): asserts chunk is Chunk {
  if (!(chunk instanceof Uint8Array)) {
    throw new TypeError(
      `A body chunk must be a Uint8Array (spec §5.1), got ${typeof chunk === 'string' ? 'a string' : typeof chunk}`,
    )
  }
}

export function failedResponse(thrown: unknown, environ: Environ): Response {
  log(environ, 'the app failed before the headers were sent', thrown)
  return errorResponse(HTTPError.from(thrown))
}

/** spec §6.2: an HTTPError keeps its status and headers; only an exposed message reaches the client. */
export function errorResponse(error: HTTPError): Response {
  const text = error.expose ? error.message : statusLine(error.status).slice(4)
  // Headers from a thrown error are not trusted: the ones that break §4.2/§4.4 are dropped.
  const headers = new Headers(errorHeaders(error.headers) as [string, string][])
  headers.set('content-type', 'text/plain; charset=utf-8')
  return new Response(`${text}\n`, { status: error.status, headers })
}

function log(environ: Environ, what: string, error: unknown): void {
  const describe = (value: unknown): string => (value instanceof Error ? (value.stack ?? String(value)) : String(value))
  let detail = describe(error)
  // The cause is for the log only, never the client (spec §6.2.1, §8.3).
  const cause = (error as { cause?: unknown } | null)?.cause
  if (cause !== undefined) detail += `\nCaused by: ${describe(cause)}`
  environ['tsgi.errors'].write(
    `${environ.REQUEST_METHOD} ${environ.SCRIPT_NAME}${environ.PATH_INFO}: ${what}: ${detail}\n`,
  )
}
