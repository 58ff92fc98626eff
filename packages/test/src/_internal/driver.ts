import { type App, createResponseDriver, type HeaderList, type ResponseDriver, type ResponseSink } from '@tsgi/core'
import { watchLint } from '@tsgi/lint'
import type { Exchange } from './build-environ.js'

/** The response head as committed. */
export interface Head {
  code: number
  reason: string
  headers: HeaderList
}

/**
 * Core's response driver (spec §6.6) writing into memory: the test client is a server in every
 * rule of spec §1–§5, so it drives the body with the same code as `@tsgi/node`. Where a server
 * answers or cuts, it rejects (spec §6): an error before the commit rejects `committed`, one after
 * rejects the pending read. `capacity` is how many chunks it buffers before it stops pulling:
 * unbounded for `request()`, one for `stream()`, so a streamed body is pulled as the test reads.
 */
export class TestSink implements ResponseSink {
  response: Head | undefined
  /** Resolves at the commit; rejects with an error before it. */
  readonly committed: Promise<Head>
  /** Settles once every `close()`/`return()` promise has (as a graceful shutdown waits for them). */
  closing: Promise<void> = Promise.resolve()
  private readonly queue: Uint8Array[] = []
  private ended = false
  private gone = false
  private failure: { error: unknown } | undefined
  private wake: (() => void) | undefined
  private driver: ResponseDriver | undefined
  private resolveHead!: (head: Head) => void
  private rejectHead!: (error: unknown) => void
  private readonly capacity: number

  constructor(capacity: number) {
    this.capacity = capacity
    this.committed = new Promise((resolve, reject) => {
      this.resolveHead = resolve
      this.rejectHead = reject
    })
  }

  /**
   * Throws the first LintError lint could find only after the response (a body never closed, a
   * middleware that never closed its inner body, spec §5.4.1, §7.1); call it after `closing`.
   */
  verify: () => void = () => {}

  /** Runs `app` for the exchange through core's driver; with lint on, `verify` checks what lint kept. */
  static run(exchange: Exchange, app: App, capacity: number): TestSink {
    const sink = new TestSink(capacity)
    if (exchange.lint) sink.verify = watchLint(exchange.environ)
    createResponseDriver(exchange.environ, exchange.abort, sink).run(app)
    return sink
  }

  /**
   * The next chunk, `undefined` at the end or after `abort()`; rejects with an error after the
   * commit. A body paused on a full buffer is pulled again only when the buffer is empty, so a
   * streamed body's `next()` runs as the test reads (spec §4.6.4).
   */
  async next(): Promise<Uint8Array | undefined> {
    for (;;) {
      if (this.gone) return undefined
      const chunk = this.queue.shift()
      if (chunk !== undefined) return chunk
      if (this.failure !== undefined) throw this.failure.error
      if (this.ended) return undefined
      const woken = new Promise<void>((resolve) => {
        this.wake = resolve
      })
      this.driver?.resume()
      await woken
    }
  }

  /** The client goes away (spec §5.4.6, §5.4.7): the driver hears of it only while the response is unfinished. */
  abort(): void {
    if (this.gone) return
    this.gone = true
    this.queue.length = 0
    if (!this.ended && this.failure === undefined) this.driver?.abort()
    this.settle()
  }

  head(status: number, reason: string, headers: HeaderList): void {
    this.response = { code: status, reason, headers }
    this.resolveHead(this.response)
  }

  write(chunk: Uint8Array): boolean {
    this.queue.push(chunk)
    this.settle()
    return this.queue.length < this.capacity
  }

  end(chunk?: Uint8Array): void {
    if (chunk !== undefined) this.queue.push(chunk)
    this.ended = true
    this.settle()
  }

  /** A server cuts the connection; this client rejects the read (spec §5.5.2, §6.2.2). */
  cut(error: unknown): void {
    this.failure = { error }
    this.settle()
  }

  /** This client is not a server and renders nothing: it rejects with what escaped (spec §6). */
  error(error: unknown): void {
    this.failure = { error }
    this.rejectHead(error)
    this.settle()
  }

  watch(driver: ResponseDriver): void {
    this.driver = driver
  }

  /** A promise from `close()` or `return()`: waited for before `request()` resolves. */
  track(pending: Promise<unknown>): void {
    const previous = this.closing
    this.closing = Promise.all([previous, pending]).then(() => {})
  }

  private settle(): void {
    const wake = this.wake
    this.wake = undefined
    wake?.()
  }
}
