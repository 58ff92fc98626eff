import type { App, Body, Chunk, Environ, StartResponse } from '@tsgi/core'
import type { Deadline } from './deadline.js'

/**
 * The app's async body under a deadline. Until the time is up it passes each step through. When
 * it is up: before the headers are committed, the pending or next `next()` becomes the timeout
 * response (the `onTimeout` app's body) or rejects with the 503 error, which the server renders;
 * after, it rejects, and the server cuts the connection (spec §6.2.2). The inner body is stopped
 * as the server would stop it (spec §5.4.3, §5.4.7): `return()` (after a pending `next()` settles)
 * and `close()`, exactly once.
 */
export class TimedBody implements AsyncIterator<Chunk> {
  private iterator: AsyncIterator<Chunk> | undefined
  private waiter: { resolve(step: IteratorResult<Chunk>): void; reject(error: unknown): void } | undefined
  /** An inner `next()` is in flight. */
  private pending = false
  /** The inner iterator's `return()` was called, or is due when the pending `next()` settles. */
  private released = false
  private deferred = false
  private innerClosed = false
  private closed = false
  private replacement: Promise<Replacement> | undefined

  private readonly body: Body
  private readonly deadline: Deadline
  private readonly onTimeout: App | undefined
  private readonly startResponse: StartResponse

  constructor(body: Body, deadline: Deadline, onTimeout: App | undefined, startResponse: StartResponse) {
    this.body = body
    this.deadline = deadline
    this.onTimeout = onTimeout
    this.startResponse = startResponse
    deadline.onExpire = () => this.expired()
  }

  [Symbol.asyncIterator](): AsyncIterator<Chunk> {
    this.iterator = (this.body as AsyncIterable<Chunk>)[Symbol.asyncIterator]()
    return this
  }

  next(): Promise<IteratorResult<Chunk>> {
    if (this.replacement !== undefined) return this.replacement.then(({ iterator }) => iterator.next())
    if (this.deadline.expired) return this.timedOut()
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject }
      this.pending = true
      this.iterator!.next().then(
        (step) => this.settled(step, undefined),
        (error) => this.settled(undefined, { error }),
      )
    })
  }

  async return(): Promise<IteratorResult<Chunk>> {
    await this.releaseInner()
    if (this.replacement !== undefined) await (await this.replacement).iterator.return?.()
    return { done: true, value: undefined }
  }

  /** The server's `close()`: the inner body (and a replacement) closed once, and the timer stopped. */
  close(): void | Promise<void> {
    if (this.closed) return
    this.closed = true
    this.deadline.finish()
    const inner = this.closeInner()
    if (this.replacement === undefined) return inner
    return Promise.all([inner, this.replacement.then(({ body }) => body.close?.())]).then(() => undefined)
  }

  private settled(step: IteratorResult<Chunk> | undefined, failure: { error: unknown } | undefined): void {
    this.pending = false
    if (this.deferred) {
      this.deferred = false
      void this.callReturn()
    }
    const waiter = this.waiter
    this.waiter = undefined
    if (waiter === undefined) {
      // The time was up while this step was in flight: it is dropped.
      if (failure !== undefined) this.deadline.logLate(failure.error)
      return
    }
    if (failure !== undefined) {
      waiter.reject(failure.error)
      return
    }
    if (step!.done) this.deadline.finish()
    else if (step!.value.length > 0) this.deadline.committed = true
    waiter.resolve(step!)
  }

  /** The timer fired: a pending `next()` gets the timeout outcome at once. */
  private expired(): void {
    const waiter = this.waiter
    if (waiter === undefined) return
    this.waiter = undefined
    this.timedOut().then(waiter.resolve, waiter.reject)
  }

  private timedOut(): Promise<IteratorResult<Chunk>> {
    // This iterator ends here, with the error or the replacement: the inner iterator is released
    // now (after its pending step, if any), whether or not the server calls return() on a rejection.
    void this.releaseInner()
    if (this.deadline.committed || this.onTimeout === undefined) return Promise.reject(this.deadline.error)
    // The timeout response takes over: the inner body is closed now, as a server would close it.
    try {
      const closing = this.closeInner()
      if (closing instanceof Promise) closing.catch((error) => this.deadline.logLate(error))
    } catch (error) {
      this.deadline.logLate(error)
    }
    this.replacement = replace(this.onTimeout, this.deadline, this.startResponse)
    return this.replacement.then(({ iterator }) => iterator.next())
  }

  private releaseInner(): Promise<void> | undefined {
    if (this.released) return undefined
    this.released = true
    if (!this.pending) return this.callReturn()
    this.deferred = true // spec §5.4.7: an iterator whose next() runs cannot be returned yet
    return undefined
  }

  private callReturn(): Promise<void> | undefined {
    try {
      const returning = this.iterator?.return?.()
      if (returning instanceof Promise) return returning.then(noop, (error) => this.deadline.logLate(error))
    } catch (error) {
      this.deadline.logLate(error)
    }
    return undefined
  }

  private closeInner(): void | Promise<void> {
    if (this.innerClosed) return
    this.innerClosed = true
    return this.body.close?.()
  }
}

interface Replacement {
  body: Body
  iterator: Iterator<Chunk> | AsyncIterator<Chunk>
}

function noop(): void {}

/**
 * Calls the `onTimeout` app for the timeout response. Its `startResponse` carries the 503 error
 * as `excInfo`, so it replaces whatever the timed-out app had started (spec §4.5.4).
 */
export async function replace(onTimeout: App, deadline: Deadline, startResponse: StartResponse): Promise<Replacement> {
  const body = await onTimeout(deadline.environ as Environ, (status, headers, excInfo) =>
    startResponse(status, headers, excInfo ?? deadline.error),
  )
  const iterator =
    Symbol.asyncIterator in body
      ? (body as AsyncIterable<Chunk>)[Symbol.asyncIterator]()
      : (body as Iterable<Chunk>)[Symbol.iterator]()
  return { body, iterator }
}
