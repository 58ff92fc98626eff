import { logError } from '../log-error.js'
import type { ResponseSink } from '../response-sink.js'
import type { Body, Environ } from '../types.js'
import { type AnyIterator, isThenable } from './body-shape.js'
import { StartResponseState } from './start-response-state.js'

/**
 * The part of the response driver that ends a body in the order of spec §5.4: `close()` exactly
 * once, `return()` first on an early stop, a promise from either logged if it rejects and kept
 * by the sink for graceful shutdown (§5.4.10, §5.4.11, §6.5).
 */
export class BodyClosing extends StartResponseState {
  /** The body, once the app's result arrived. */
  protected body: Body | undefined = undefined
  protected iterator: AnyIterator | undefined = undefined
  private closed = false
  readonly environ: Environ
  protected readonly sink: ResponseSink

  constructor(environ: Environ, sink: ResponseSink) {
    super()
    this.environ = environ
    this.sink = sink
  }

  /** `return()`, then `close()` once a promise from it settled (spec §5.4.3); the chain is tracked. */
  protected returnThenClose(): void {
    const returned = this.callReturn()
    if (returned === undefined) {
      this.closeBody()
      return
    }
    const chain = returned.then(() => this.closeBody())
    this.sink.track?.(chain)
  }

  /** Calls `return()` if the iterator has it; a promise it gives comes back never rejecting. */
  protected callReturn(): Promise<unknown> | undefined {
    const iterator = this.iterator
    if (iterator === undefined) return undefined
    try {
      if (typeof iterator.return !== 'function') return undefined
      const result: unknown = iterator.return()
      if (isThenable(result))
        return Promise.resolve(result).then(undefined, (error: unknown) => logError(this.environ, error))
    } catch (error) {
      logError(this.environ, error)
    }
    return undefined
  }

  /** Calls the body's `close()` exactly once (spec §5.4.1, §5.4.10, §5.4.11); a promise from it is tracked. */
  protected closeBody(): void {
    const body = this.body
    // No body yet (the app's promise is pending): start() closes it when it arrives.
    if (this.closed || body === undefined) return
    this.closed = true
    try {
      if (body === null || typeof body !== 'object' || typeof body.close !== 'function') return
      const result: unknown = body.close()
      if (isThenable(result)) {
        // Logged whether or not the sink keeps it (spec §5.4.10); never an unhandled rejection.
        const settled = Promise.resolve(result).then(undefined, (error: unknown) => logError(this.environ, error))
        this.sink.track?.(settled)
      }
    } catch (error) {
      logError(this.environ, error)
    }
  }
}
