import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  type AbortHandle,
  type App,
  type Body,
  checkHeaderList,
  type Environ,
  type HeaderList,
  withoutHeader,
} from '@tsgi/core'
import { logError, sendError } from './error-response.js'
import { parseStatusCached } from './status-cache.js'

/** What the handler shares with `serve()`: whether it is closing, and `close()` promises still pending. */
export interface HandlerState {
  closing: boolean
  readonly pending: Set<Promise<unknown>>
}

/** Milliseconds a cut connection may take to flush what was written before it is destroyed. */
const CUT_GRACE = 5000

type Step = IteratorResult<Uint8Array> | Promise<IteratorResult<Uint8Array>>
type AnyIterator = Iterator<Uint8Array> | AsyncIterator<Uint8Array>

/**
 * One request/response: runs the app, then sends its body as DESIGN.md's fast path and spec §5
 * say. Arrays go out in one write with a Content-Length; other bodies are pulled by hand, one
 * `next()` at a time, pausing while node's buffer is full (sync bodies included). `return()` and
 * `close()` follow spec §5.4 on every path.
 */
export class Exchange {
  private code = 0
  /** Whether startResponse was called, even by a call that threw (spec §4.5.5). */
  private called = false
  private reason = ''
  private headers: HeaderList | undefined
  /** The app-set Content-Length, -1 when none (checked by startResponse). */
  private declared = -1
  private committed = false
  private bodyAllowed = true
  private remaining = -1
  private body: Body | undefined
  private iterator: AnyIterator | undefined
  private isAsync = false
  private pending = false
  private done = false
  private aborted = false
  private closed = false

  private readonly req: IncomingMessage
  private readonly res: ServerResponse
  private readonly environ: Environ
  private readonly abort: AbortHandle
  private readonly state: HandlerState
  private readonly hasBody: boolean

  constructor(
    req: IncomingMessage,
    res: ServerResponse,
    environ: Environ,
    abort: AbortHandle,
    state: HandlerState,
    hasBody: boolean,
  ) {
    this.req = req
    this.res = res
    this.environ = environ
    this.abort = abort
    this.state = state
    this.hasBody = hasBody
  }

  /** The `startResponse` handed to the app (spec §4, §4.5). */
  readonly startResponse = (status: string, headers: HeaderList, excInfo?: unknown): void => {
    if (excInfo !== undefined) {
      if (this.committed) throw excInfo
    } else if (this.called) {
      throw new TypeError('startResponse() was called a second time without excInfo (spec §4.5)')
    }
    this.called = true
    const { code, reason } = parseStatusCached(status)
    if (code < 200) throw new TypeError(`startResponse(): a final status is 200–599, got ${JSON.stringify(status)}`)
    // Checked here, not at commit, so the error surfaces in the app's own stack (spec §4.2.8).
    const declared = checkHeaderList(headers)
    this.code = code
    this.reason = reason
    this.headers = headers
    this.declared = declared
  }

  run(app: App): void {
    let result: Body | Promise<Body>
    try {
      result = app(this.environ, this.startResponse)
    } catch (error) {
      this.fail(error, false)
      return
    }
    // Any thenable is a promise of the body (spec §1.2.2); anything else is the body, used at once.
    if (isThenable(result)) {
      this.watchClose()
      // Promise.resolve: a thenable whose then() throws becomes a rejection, not a crash.
      Promise.resolve(result).then(
        (body) => this.start(body),
        (error: unknown) => this.fail(error, false),
      )
    } else {
      this.start(result)
    }
  }

  private start(body: Body): void {
    if (this.aborted) {
      // The client left while the app was still working: nobody will read this body.
      this.body = body
      this.closeBody()
      return
    }
    this.body = body
    if (Array.isArray(body)) {
      this.sendArray(body)
      return
    }
    let iterator: AnyIterator
    try {
      if (body === null || typeof body !== 'object' || body instanceof Uint8Array) throw notIterable(body)
      const asyncIterator = (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]
      if (typeof asyncIterator === 'function') {
        this.isAsync = true
        iterator = asyncIterator.call(body)
      } else {
        const syncIterator = (body as Iterable<Uint8Array>)[Symbol.iterator]
        if (typeof syncIterator !== 'function') throw notIterable(body)
        iterator = syncIterator.call(body)
      }
    } catch (error) {
      this.fail(error, false)
      return
    }
    this.iterator = iterator
    this.watchClose()
    this.pump()
  }

  private sendArray(body: readonly Uint8Array[]): void {
    let total = 0
    for (let index = 0; index < body.length; index++) {
      const chunk = body[index]
      if (!(chunk instanceof Uint8Array)) {
        this.fail(new TypeError(`Body chunk ${index} must be a Uint8Array (spec §5.1), got ${typeof chunk}`), false)
        return
      }
      total += chunk.byteLength
    }
    if (!this.commit(total, true)) return
    const res = this.res
    if (!this.bodyAllowed || total === 0) res.end()
    else if (body.length === 1) res.end(body[0])
    else {
      res.cork()
      for (let index = 0; index < body.length; index++) {
        const chunk = body[index] as Uint8Array
        if (chunk.byteLength > 0) res.write(chunk)
      }
      res.end() // end() uncorks
    }
    this.done = true
    this.closeBody()
  }

  /** Pulls chunks until the body ends, node's buffer is full, or an async `next()` is pending. */
  private pump(): void {
    const iterator = this.iterator as AnyIterator
    while (!this.done) {
      let step: Step
      try {
        step = iterator.next()
      } catch (error) {
        this.fail(error, false)
        return
      }
      if (this.isAsync && step instanceof Promise) {
        this.pending = true
        step.then(
          (result) => this.onStep(result),
          (error: unknown) => this.onStepError(error),
        )
        return
      }
      if (!this.step(step as IteratorResult<Uint8Array>)) return
    }
  }

  private onStep(step: IteratorResult<Uint8Array>): void {
    this.pending = false
    if (this.aborted) {
      this.callReturn() // close() already ran when the client left (spec §5.4)
      return
    }
    if (this.step(step)) this.pump()
  }

  private onStepError(error: unknown): void {
    this.pending = false
    if (this.aborted) {
      this.log(error)
      return
    }
    this.fail(error, false)
  }

  /** Handles one iterator result; true when the loop may pull the next one at once. */
  private step(step: IteratorResult<Uint8Array>): boolean {
    if (step === null || typeof step !== 'object') {
      this.fail(new TypeError('The body iterator returned a non-object result'), true)
      return false
    }
    if (step.done === true) {
      this.end()
      return false
    }
    const chunk = step.value
    if (!(chunk instanceof Uint8Array)) {
      this.fail(new TypeError(`Body chunks must be Uint8Array (spec §5.1), got ${typeof chunk}`), true)
      return false
    }
    if (chunk.byteLength === 0) return true
    if (!this.committed) {
      if (!this.commit(-1, false)) return false
      if (!this.bodyAllowed) {
        // HEAD, 204, 304: the headers are all there is (spec §5.6).
        this.res.end()
        this.stop()
        return false
      }
    }
    if (this.remaining >= 0) {
      if (chunk.byteLength > this.remaining) {
        this.fail(new Error('The body has more bytes than its Content-Length (spec §5.5)'), true)
        return false
      }
      this.remaining -= chunk.byteLength
      if (this.remaining === 0) {
        // Content-Length reached: the response is complete, an early stop (spec §5.5.2, §5.4.3).
        this.res.end(chunk)
        this.stop()
        return false
      }
    }
    if (this.res.write(chunk)) return true
    this.res.once('drain', () => {
      if (!this.done) this.pump()
    })
    return false
  }

  private end(): void {
    this.done = true
    if (!this.committed) {
      // Known to be empty; a HEAD response keeps no computed length (spec §5.6).
      if (!this.commit(this.req.method === 'HEAD' ? -1 : 0, true)) return
    }
    if (this.remaining > 0 && this.bodyAllowed) {
      this.done = false
      this.fail(new Error('The body has fewer bytes than its Content-Length (spec §5.5)'), false)
      return
    }
    this.res.end()
    this.closeBody()
  }

  /**
   * Validates the status and headers and writes them (spec §4.6, §6.1). `length` is the body's
   * size when known. False when they were refused; the error response is then already handled.
   */
  private commit(length: number, known: boolean): boolean {
    const headers = this.headers
    if (headers === undefined) {
      this.fail(new Error('The app returned a body without calling startResponse() (spec §4)'), !known)
      return false
    }
    const declared = this.declared
    const code = this.code
    const res = this.res
    this.bodyAllowed = !(code === 204 || code === 304 || this.req.method === 'HEAD')
    let out = headers
    if (declared >= 0) {
      if (known && length >= 0 && this.bodyAllowed && declared !== length) {
        this.fail(new Error(`Content-Length is ${declared} but the body has ${length} bytes (spec §5.5)`), false)
        return false
      }
      this.remaining = declared
      // A 204 carries no Content-Length whatever the app said (spec §5.6.4, RFC 9110 §8.6).
      if (code === 204) out = withoutHeader(headers, 'content-length')
    } else if (length >= 0 && code !== 204 && code !== 304) {
      out = [...headers, ['content-length', `${length}`]]
    }
    // Reusing a connection whose request body was not read to the end would mix two requests.
    if (this.state.closing || (this.hasBody && !this.req.complete)) res.shouldKeepAlive = false
    try {
      res.writeHead(code, this.reason, out as [string, string][])
    } catch (error) {
      // Node refused what the checks above let through: still nothing was written.
      this.fail(error, !known)
      return false
    }
    this.committed = true
    return true
  }

  /** An early stop that is not an error: `return()`, then `close()` (spec §5.4). */
  private stop(): void {
    this.done = true
    this.returnThenClose()
  }

  /**
   * An error from the app, its body or its headers (spec §6.2): logged with its stack; before the
   * headers went out it becomes an error response, after it the connection is cut so the client
   * sees a truncated response.
   */
  private fail(error: unknown, stopIterator: boolean): void {
    this.done = true
    this.log(error)
    const res = this.res
    if (!this.committed && !res.headersSent && !this.aborted && !res.destroyed) {
      sendError(res, error, this.state.closing || (this.hasBody && !this.req.complete))
    } else {
      this.cut()
    }
    if (stopIterator) this.returnThenClose()
    else this.closeBody()
  }

  /**
   * Ends the connection so the client sees a truncated response (spec §6.2): what was written is
   * flushed, the framing stays unfinished (no last chunk, fewer bytes than Content-Length). A
   * close-delimited body (HTTP/1.0) would look complete after a clean close, so it is reset.
   */
  private cut(): void {
    const res = this.res
    const socket = res.socket
    if (socket === null || socket.destroyed) return
    const framed =
      this.remaining >= 0 || (res as ServerResponse & { chunkedEncoding?: boolean }).chunkedEncoding === true
    if (!framed || !this.committed) {
      socket.resetAndDestroy()
      return
    }
    socket.end()
    // A client that stopped reading must not hold the socket open forever.
    const timer = setTimeout(() => socket.destroy(), CUT_GRACE)
    timer.unref()
    socket.once('close', () => clearTimeout(timer))
  }

  private watchClose(): void {
    this.res.once('close', () => this.onClose())
  }

  private onClose(): void {
    if (this.res.writableFinished) return
    this.aborted = true
    this.abort.abort()
    if (this.done) return
    this.done = true
    // Client gone (spec §5.4): with a next() pending, close() now and return() when it settles.
    if (this.pending) this.closeBody()
    else this.stop()
  }

  /** Calls `return()`; a promise it gives is returned settled-never-rejecting (its rejection is logged). */
  private callReturn(): Promise<unknown> | undefined {
    const iterator = this.iterator
    if (iterator === undefined || typeof iterator.return !== 'function') return undefined
    try {
      const result = iterator.return()
      if (result instanceof Promise) return result.then(undefined, (error: unknown) => this.log(error))
    } catch (error) {
      this.log(error)
    }
    return undefined
  }

  /**
   * An early stop (spec §5.4.3): `return()`, then `close()`; when `return()` gives a promise (an
   * async generator running its `finally`), `close()` waits for it to settle. Shutdown waits too.
   */
  private returnThenClose(): void {
    const returned = this.callReturn()
    if (returned === undefined) {
      this.closeBody()
      return
    }
    const pending = this.state.pending
    // The chain settles after close()'s own promise, so a shutdown waiting on it waits for both.
    const tracked: Promise<unknown> = returned.then(() => this.closeBody()).finally(() => pending.delete(tracked))
    pending.add(tracked)
  }

  /** Calls `close()` exactly once (spec §5.4); a promise it returns is tracked for shutdown, never awaited here. */
  private closeBody(): Promise<unknown> | undefined {
    const body = this.body
    // No body yet (an async app still running): start() closes it when it arrives.
    if (this.closed || body === undefined) return undefined
    this.closed = true
    if (body === null || typeof body.close !== 'function') return undefined
    try {
      const result = body.close()
      if (result instanceof Promise) {
        const pending = this.state.pending
        const tracked: Promise<unknown> = result
          .then(undefined, (error: unknown) => this.log(error))
          .finally(() => pending.delete(tracked))
        pending.add(tracked)
        return tracked
      }
    } catch (error) {
      this.log(error)
    }
    return undefined
  }

  private log(error: unknown): void {
    const environ = this.environ
    logError(environ['tsgi.errors'], environ.REQUEST_METHOD, environ.REQUEST_URI ?? '', error)
  }
}

function notIterable(body: unknown): TypeError {
  const what = typeof body === 'string' ? 'a string' : body instanceof Uint8Array ? 'a bare Uint8Array' : typeof body
  return new TypeError(`The app must return an iterable of Uint8Array chunks (spec §5.1), got ${what}`)
}

function isThenable(value: unknown): value is PromiseLike<Body> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<Body>).then === 'function'
  )
}
