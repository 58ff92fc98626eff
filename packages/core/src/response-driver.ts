import { BodyClosing } from './_internal/body-closing.js'
import { type AnyIterator, badChunk, isThenable, openIterator } from './_internal/body-shape.js'
import type { AbortHandle } from './abort.js'
import { errorResponse } from './error-response.js'
import { logError } from './log-error.js'
import type { ResponseSink } from './response-sink.js'
import type { App, Body, Environ } from './types.js'

// Where the driver is; one field instead of a flag per question (spec §4–§5).
/** The app runs, or its promise of the body is pending. */
const WAITING = 0
/** Pulling: the next `next()` may be called now. */
const PULLING = 1
/** An async `next()` is pending. */
const PENDING = 2
/** The sink's buffer is full; `resume()` goes on. */
const PAUSED = 3
/** Nothing more is pulled: the body ended, stopped, failed, or the client left. */
const DONE = 4

/** Whether an early stop calls `return()` first (spec §5.4.3) or only `close()` (§5.4.2, §5.4.9). */
const STOP = true
const CLOSE_ONLY = false

/**
 * The single implementation of what spec §4–§6 say a server does with an app's result, shared by
 * `@tsgi/node`, `@tsgi/fetch` and `@tsgi/test`; each supplies only a {@link ResponseSink}.
 * Made by {@link createResponseDriver}; see there.
 */
export class ResponseDriver extends BodyClosing {
  private state = WAITING
  private aborted = false
  private watching = false
  /** Bytes still allowed by an app-set Content-Length, -1 when none; 0 also for a bodiless response. */
  private remaining = -1
  private bodiless = false
  /** Only an async iterator's results are awaited; a sync body stays sync (spec §5.2.3). */
  private isAsync = false

  private readonly abortHandle: AbortHandle

  constructor(environ: Environ, abort: AbortHandle, sink: ResponseSink) {
    super(environ, sink)
    this.abortHandle = abort
  }

  /** Calls the app once and drives what it returns to the sink (spec §1.1, §1.2.2). */
  run(app: App): void {
    let result: unknown
    try {
      result = app(this.environ, this.startResponse)
    } catch (error) {
      this.fail(error, CLOSE_ONLY)
      return
    }
    if (isThenable(result)) {
      // Any thenable, object or function, is a promise of the body (spec §1.2.2); Promise.resolve
      // turns a then() that throws into a rejection.
      this.watch()
      Promise.resolve(result).then(
        (body) => this.start(body),
        (error: unknown) => this.fail(error, CLOSE_ONLY),
      )
    } else {
      this.start(result)
    }
  }

  /** The sink's buffer drained: go on pulling (spec §4.6.4). */
  resume(): void {
    if (this.state !== PAUSED) return
    this.state = PULLING
    this.pump()
  }

  /**
   * The client went away before the response finished (spec §3.4, §5.4.6–8): `tsgi.abort` is
   * aborted; with a `next()` pending, `close()` now and `return()` when it settles; between
   * pulls, `return()` then `close()`; before the body arrived, `close()` when it does.
   */
  abort(): void {
    if (this.aborted) return
    this.aborted = true
    this.abortHandle.abort()
    const state = this.state
    if (state === DONE) return
    this.state = DONE
    if (state === WAITING) return
    if (state === PENDING) this.closeBody()
    else this.returnThenClose()
  }

  private start(body: unknown): void {
    this.body = body as Body
    if (this.aborted) {
      this.closeBody() // nobody will read it (spec §5.4.8)
      return
    }
    if (Array.isArray(body)) {
      this.sendArray(body)
      return
    }
    try {
      const asyncIterator = (body as Partial<AsyncIterable<unknown>> | null)?.[Symbol.asyncIterator]
      this.isAsync = typeof asyncIterator === 'function'
      this.iterator = openIterator(body, asyncIterator)
    } catch (error) {
      this.fail(error, CLOSE_ONLY)
      return
    }
    this.state = PULLING
    this.watch()
    this.pump()
  }

  /**
   * The array fast path (spec §5.5.1): all chunks are checked first, so a bad one or a length
   * mismatch is an error before the headers (spec §5.1.5); then one head with the total as
   * Content-Length and one write.
   */
  private sendArray(body: readonly unknown[]): void {
    this.state = DONE
    let total = 0
    for (let index = 0; index < body.length; index++) {
      const chunk = body[index]
      if (!(chunk instanceof Uint8Array)) {
        this.fail(badChunk(chunk, index), CLOSE_ONLY)
        return
      }
      total += chunk.byteLength
    }
    if (!this.commit(total)) return
    const sink = this.sink
    const chunks = body as readonly Uint8Array[]
    if (this.bodiless || total === 0) sink.end()
    else if (chunks.length === 1) sink.end(chunks[0])
    else if (sink.endArray !== undefined) sink.endArray(chunks)
    else {
      for (const chunk of chunks) if (chunk.byteLength > 0) sink.write(chunk)
      sink.end()
    }
    this.closeBody()
  }

  /** Pulls until the body ends, the sink is full, or an async `next()` is pending (spec §4.6.4, §5.2.4). */
  private pump(): void {
    const iterator = this.iterator as AnyIterator
    while (this.state === PULLING) {
      let step: unknown
      try {
        step = iterator.next()
      } catch (error) {
        this.fail(error, STOP)
        return
      }
      if (this.isAsync && isThenable(step)) {
        this.state = PENDING
        Promise.resolve(step).then(
          (result) => this.settled(result),
          (error: unknown) => this.rejected(error),
        )
        return
      }
      this.step(step)
    }
  }

  private settled(result: unknown): void {
    if (this.state !== PENDING) {
      // The client left while this next() was pending: close() ran, now return() (spec §5.4.7).
      if (this.aborted) this.callReturn()
      return
    }
    this.state = PULLING
    this.step(result)
    this.pump()
  }

  private rejected(error: unknown): void {
    if (this.state !== PENDING) {
      logError(this.environ, error) // after the client left: only the log is left to tell
      return
    }
    this.state = PULLING
    this.fail(error, STOP)
  }

  /** Handles one iterator result; leaves the state PULLING when the next may be pulled at once. */
  private step(result: unknown): void {
    if (result === null || typeof result !== 'object') {
      this.fail(
        new TypeError(`A body iterator's next() must return an iterator result (spec §5.2), got ${typeof result}`),
        STOP,
      )
      return
    }
    const { done, value } = result as IteratorResult<unknown>
    if (done === true) {
      this.end()
      return
    }
    if (!(value instanceof Uint8Array)) {
      this.fail(badChunk(value, -1), STOP)
      return
    }
    if (value.byteLength === 0) return // commits nothing (spec §4.6.2)
    if (!this.committed && !this.commit(-1)) return
    const sink = this.sink
    if (this.bodiless) {
      sink.end() // HEAD, 204, 304: the head is all there is (spec §5.6.2)
      this.stop()
      return
    }
    const remaining = this.remaining
    if (remaining >= 0) {
      if (value.byteLength > remaining) {
        this.fail(new Error('The body has more bytes than its Content-Length (spec §5.5.2)'), STOP)
        return
      }
      this.remaining = remaining - value.byteLength
      if (this.remaining === 0) {
        sink.end(value) // complete: an early stop, without asking the body (spec §5.5.2, §5.4.3)
        this.stop()
        return
      }
    }
    if (!sink.write(value)) this.state = PAUSED
  }

  /** The iterator reported done (spec §5.4.2). */
  private end(): void {
    this.state = DONE
    // Known to be empty; a HEAD keeps no computed length (spec §5.6.4).
    if (!this.committed && !this.commit(this.environ.REQUEST_METHOD === 'HEAD' ? -1 : 0)) return
    if (this.remaining > 0 && !this.bodiless) {
      this.fail(new Error('The body has fewer bytes than its Content-Length (spec §5.5.2)'), CLOSE_ONLY)
      return
    }
    this.sink.end()
    this.closeBody()
  }

  /**
   * Hands the stored head to the sink (spec §4.6, §5.5, §5.6). `length` is the body's size when
   * known, else -1. False when it failed; the error is then handled.
   */
  private commit(length: number): boolean {
    const headers = this.headers
    const stop = this.iterator !== undefined && this.state !== DONE
    if (headers === undefined) {
      const what = stop
        ? 'The body sent a chunk before startResponse() was called'
        : 'The app never called startResponse()'
      this.fail(new Error(`${what} (spec §1.1.4, §5.4.5)`), stop)
      return false
    }
    const code = this.code
    const noContent = code === 204 || code === 304
    this.bodiless = noContent || this.environ.REQUEST_METHOD === 'HEAD'
    let sent = this.declared
    if (sent >= 0) {
      if (length >= 0 && !this.bodiless && sent !== length) {
        this.fail(new Error(`Content-Length is ${sent} but the body has ${length} bytes (spec §5.5.2)`), stop)
        return false
      }
      this.remaining = sent
      if (code === 204) {
        // A 204 carries no Content-Length whatever the app said (spec §5.6.4, RFC 9110 §8.6).
        removeContentLength(headers)
        sent = -1
      }
    } else if (length >= 0 && !noContent) {
      headers.push(['content-length', `${length}`])
      sent = length
    }
    try {
      this.sink.head(code, this.reason, headers, sent)
    } catch (error) {
      this.fail(error, stop) // refused by the connection: still nothing was written
      return false
    }
    this.committed = true
    return true
  }

  /**
   * An error of the app, its body or its head (spec §6.2): logged; before the commit an error
   * response (or the sink's own `error`), after it the connection is cut. Then the body stops.
   */
  private fail(error: unknown, stop: boolean): void {
    this.state = DONE
    logError(this.environ, error)
    if (!this.aborted) {
      const sink = this.sink
      if (this.committed) sink.cut(error)
      else {
        this.committed = true // a late startResponse now throws (spec §4.5.8)
        if (sink.error !== undefined) sink.error(error)
        else this.sendError(error)
      }
    }
    if (stop) this.returnThenClose()
    else this.closeBody()
  }

  private sendError(error: unknown): void {
    const { status, reason, headers, body } = errorResponse(error)
    const sink = this.sink
    try {
      sink.head(status, reason, headers, body.byteLength)
    } catch (refused) {
      logError(this.environ, refused)
      sink.cut(refused)
      return
    }
    sink.end(body)
  }

  /** An early stop that is not an error (spec §5.4.3). */
  private stop(): void {
    this.state = DONE
    this.returnThenClose()
  }

  private watch(): void {
    if (this.watching) return
    this.watching = true
    this.sink.watch(this)
  }
}

/**
 * Makes the response driver for one request: hand `driver.startResponse` to the app by calling
 * `driver.run(app)`, and the driver does the rest of spec §4–§6 through `sink`. The sink calls
 * `driver.resume()` when its buffer drained and `driver.abort()` when the client went away
 * (both only after `sink.watch(driver)`). `abort` is the handle whose `state` is the environ's
 * `tsgi.abort`. See docs/spec.md §6.6 and the core README for writing an adapter.
 *
 * @example
 * const abort = createAbort()
 * const environ = buildEnviron(req, abort.state)
 * createResponseDriver(environ, abort, new NodeSink(req, res)).run(app)
 */
export function createResponseDriver(environ: Environ, abort: AbortHandle, sink: ResponseSink): ResponseDriver {
  return new ResponseDriver(environ, abort, sink)
}

function removeContentLength(headers: [string, string][]): void {
  for (let index = headers.length - 1; index >= 0; index--) {
    if ((headers[index] as [string, string])[0].toLowerCase() === 'content-length') headers.splice(index, 1)
  }
}
