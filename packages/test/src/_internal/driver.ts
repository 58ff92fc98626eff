import { type App, type Body, checkHeaderList, type HeaderList, parseStatus, type StartResponse } from '@tsgi/core'
import type { Exchange } from './build-environ.js'

/** The response head as the app last set it. */
export interface Head {
  code: number
  reason: string
  headers: HeaderList
}

type Result = IteratorResult<unknown>
type AnyIterator = Iterator<unknown> | AsyncIterator<unknown>

const ABORTED = Symbol('aborted')

/**
 * Runs one app call and drives its body the way the reference server does (DESIGN "How the server
 * treats a body", spec §4–§5): arrays by index, else the async iterator if there is one, else the
 * sync one, pulling next() by hand; headers committed at the first non-empty chunk; HEAD, 204 and
 * 304 stopped there; Content-Length honoured; close() exactly once on every path.
 */
export class Driver {
  head: Head | undefined
  /** Whether the headers went out: a non-empty chunk arrived or the body ended. */
  committed = false
  /** Settles once the promise of the body's close() has; its rejection went to tsgi.errors. */
  closing: Promise<void> = Promise.resolve()
  readonly #exchange: Exchange
  #body: Body | undefined
  #array: ArrayLike<unknown> | undefined
  #index = 0
  #iterator: AnyIterator | undefined
  #pending: PromiseLike<unknown> | undefined
  #wake: (() => void) | undefined
  #finished = false
  #bodiless = false
  #left = Number.POSITIVE_INFINITY
  /** Whether startResponse was called, even by a call that threw (spec §4.5.5). */
  #called = false
  /** The Content-Length of the last startResponse call, -1 when none. */
  #length = -1

  constructor(exchange: Exchange) {
    this.#exchange = exchange
  }

  /** The server's startResponse (spec §4.5): excInfo present iff `!== undefined`. */
  readonly startResponse: StartResponse = (status, headers, excInfo) => {
    if (excInfo !== undefined) {
      if (this.committed) throw excInfo
    } else if (this.#called) {
      throw new TypeError('startResponse() was called a second time without excInfo (spec §4.5)')
    }
    this.#called = true
    const { code, reason } = parseStatus(status)
    if (code < 200) throw new TypeError(`startResponse(): a final status is 200–599, got ${JSON.stringify(status)}`)
    // The same checks as the server's startResponse, so lint: false behaves as a server (spec §4.2.8).
    const length = checkHeaderList(headers)
    this.head = { code, reason, headers }
    this.#length = length
  }

  /** Calls the app and takes its body; rejects with what escaped the app, or a TypeError for a non-body. */
  async start(app: App): Promise<void> {
    const result = app(this.#exchange.environ, this.startResponse)
    const body: unknown = isThenable(result) ? await result : result
    const source = body as Partial<Record<symbol, unknown>> & { close?: unknown }
    const bad =
      body === null || typeof body !== 'object'
        ? `got ${body === null ? 'null' : typeof body}`
        : body instanceof Uint8Array
          ? 'got a bare Uint8Array (wrap it: [bytes])'
          : typeof source[Symbol.asyncIterator] !== 'function' && typeof source[Symbol.iterator] !== 'function'
            ? 'got an object that is not iterable'
            : undefined
    if (bad !== undefined) {
      if (typeof source?.close === 'function') (source.close as () => unknown).call(body)
      throw new TypeError(`the app must return an iterable of Uint8Array chunks (spec §5.1), ${bad}`)
    }
    this.#body = body as Body
    if (Array.isArray(body)) {
      this.#array = body
      return
    }
    try {
      const open = (source[Symbol.asyncIterator] ?? source[Symbol.iterator]) as () => AnyIterator
      this.#iterator = open.call(body)
    } catch (error) {
      await this.#finish(false)
      throw error
    }
  }

  /** The next chunk to send, or `undefined` at the end; rejects with an error from the body. */
  async next(): Promise<Uint8Array | undefined> {
    while (!this.#finished) {
      let result: Result | typeof ABORTED
      try {
        result = await this.#pull()
      } catch (error) {
        await this.#finish(false)
        throw error
      }
      if (result === ABORTED) return undefined
      if (result === null || typeof result !== 'object') {
        await this.#finish(true)
        throw new TypeError(`a body iterator's next() must return an iterator result (spec §5.2), got ${typeof result}`)
      }
      if (result.done) {
        const short = this.#left !== Number.POSITIVE_INFINITY && this.#left > 0 && !this.#bodiless
        await this.#finish(false)
        if (this.head === undefined) throw new Error('the app never called startResponse() (spec §4.6)')
        // The server logs it and closes the connection: the client sees a truncated response (spec §5.5).
        if (short) throw this.#mismatch(`${this.#left} bytes fewer than its Content-Length`)
        this.committed = true
        return undefined
      }
      const chunk = result.value
      if (!(chunk instanceof Uint8Array)) {
        await this.#finish(true)
        throw new TypeError(`body chunks must be Uint8Array (spec §5.1), got ${chunk === null ? 'null' : typeof chunk}`)
      }
      if (chunk.length === 0) continue
      if (this.head === undefined) {
        await this.#finish(true)
        throw new Error('the body sent a chunk before startResponse() was called (spec §4.6)')
      }
      if (!this.committed) this.#commit(this.head)
      if (this.#bodiless) {
        await this.#finish(true)
        return undefined
      }
      if (chunk.length < this.#left) {
        this.#left -= chunk.length
        return chunk
      }
      if (chunk.length > this.#left) {
        // The server logs it, stops the body and cuts the connection (spec §5.5).
        await this.#finish(true)
        throw this.#mismatch('more bytes than its Content-Length')
      }
      // Content-Length reached: the response is complete; stop the body early, as the server does (spec §5.5).
      this.#left = 0
      await this.#finish(true)
      return chunk
    }
    return undefined
  }

  /** The client goes away (spec §5.4): abort, close at once, return() when a pending next() settles. */
  abort(): void {
    if (this.#finished) return
    this.#exchange.abort.abort()
    const pending = this.#pending
    if (pending === undefined) {
      this.#finish(true).catch(() => {})
      return
    }
    this.#finished = true
    this.#close()
    pending.then(
      () => this.#stop(),
      () => {},
    )
    this.#wake?.()
  }

  #commit(head: Head): void {
    this.committed = true
    const { code } = head
    this.#bodiless = this.#exchange.environ.REQUEST_METHOD === 'HEAD' || code === 204 || code === 304
    if (this.#length >= 0) this.#left = this.#length
  }

  #pull(): Result | Promise<Result | typeof ABORTED> {
    const array = this.#array
    if (array !== undefined) {
      return this.#index < array.length
        ? { done: false, value: array[this.#index++] }
        : { done: true, value: undefined }
    }
    const result = (this.#iterator as AnyIterator).next()
    if (!isThenable(result)) return result as Result
    this.#pending = result
    return new Promise((resolve, reject) => {
      this.#wake = () => resolve(ABORTED)
      result.then(
        (value) => {
          this.#pending = this.#wake = undefined
          resolve(value)
        },
        (error: unknown) => {
          this.#pending = this.#wake = undefined
          reject(error)
        },
      )
    })
  }

  /** Ends the body once: return() first if it stopped early, then close() once return() settled (spec §5.4.3). */
  async #finish(stop: boolean): Promise<void> {
    if (this.#finished) return
    this.#finished = true
    if (stop) await this.#stop()
    this.#close()
  }

  async #stop(): Promise<void> {
    try {
      await this.#iterator?.return?.()
    } catch (error) {
      this.#log('the body iterator’s return() failed', error)
    }
  }

  /** Adds a promise request() waits for before it resolves (as a graceful shutdown waits); a rejection is logged. */
  #wait(promise: PromiseLike<unknown>, what: string): void {
    const settled = Promise.resolve(promise).then(undefined, (error: unknown) => this.#log(what, error))
    const previous = this.closing
    this.closing = Promise.all([previous, settled]).then(() => {})
  }

  #close(): void {
    const body = this.#body
    if (body === undefined || typeof body.close !== 'function') return
    try {
      const result = body.close()
      // A close() that returns a promise is not awaited by a server, but this client waits for it
      // before resolving, as a graceful shutdown does; its rejection goes to tsgi.errors (spec §5.4).
      if (isThenable(result)) this.#wait(result, 'close() rejected')
    } catch (error) {
      // As a server: logged, never a change to the response (spec §5.4.10).
      this.#log('close() threw', error)
    }
  }

  /** A Content-Length mismatch: written to tsgi.errors, as the server writes it, and returned to be thrown. */
  #mismatch(what: string): Error {
    const error = new Error(`the body sent ${what} (spec §5.5); a server cuts the connection`)
    this.#log('Content-Length mismatch', error)
    return error
  }

  #log(what: string, error: unknown): void {
    const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error)
    this.#exchange.environ['tsgi.errors'].write(`${what}: ${text}\n`)
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as PromiseLike<unknown>).then === 'function'
}
