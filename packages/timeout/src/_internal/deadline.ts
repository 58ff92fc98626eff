import { type AbortState, type Environ, ServiceUnavailable } from '@tsgi/core'

/**
 * One request's deadline: the timer, the `tsgi.abort` the app sees, and what happens when time is
 * up. A class, so a request costs one object and no closures beyond the timer's (spec §3.4.3
 * explains why `tsgi.abort` itself is built this way).
 */
export class Deadline {
  /** Set when the time was up: the 503 error the response becomes (or the cut's reason). */
  error: ServiceUnavailable | undefined = undefined
  /** Whether a non-empty chunk went out, i.e. the headers are committed (spec §4.6.2). */
  committed = false
  /** Called once when the time is up, by whoever waits on the app (the promise, the body). */
  onExpire: (() => void) | undefined = undefined
  readonly abort: TimedAbortState
  /** Whether the timer is gone (fired or cleared): nothing may be linked to the outer signal then. */
  over = false
  private timer: ReturnType<typeof setTimeout> | undefined

  readonly environ: Environ
  readonly ms: number

  constructor(environ: Environ, ms: number) {
    this.environ = environ
    this.ms = ms
    this.abort = new TimedAbortState(environ['tsgi.abort'], this)
    this.timer = setTimeout(Deadline.expire, ms, this)
  }

  get expired(): boolean {
    return this.error !== undefined
  }

  /** Stops the timer and lets go of the outer signal. Idempotent; called when the response is over. */
  finish(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    this.over = true
    this.abort.unlink()
  }

  /** Writes an error the app raised after its response was replaced, unless it is our own abort. */
  logLate(error: unknown): void {
    if (error === this.error || error === this.abort.reason) return
    const text = error instanceof Error ? (error.stack ?? String(error)) : String(error)
    this.environ['tsgi.errors'].write(`timeout: the app failed after its ${this.ms} ms were up: ${text}\n`)
  }

  private static expire(this: void, deadline: Deadline): void {
    deadline.timer = undefined
    deadline.over = true
    deadline.error = new ServiceUnavailable(`The response took longer than ${deadline.ms} ms`)
    deadline.abort.expire(new DOMException(`The request took longer than ${deadline.ms} ms`, 'TimeoutError'))
    deadline.abort.unlink()
    deadline.onExpire?.()
  }
}

/**
 * The `tsgi.abort` the app sees: aborted when the client goes away (the one the server made
 * says so) or when the time is up, as spec §3.4.7 allows a middleware's replacement to be. Its
 * signal is made on first read, like the server's.
 */
class TimedAbortState implements AbortState {
  reason: unknown = undefined
  private controller: AbortController | undefined = undefined
  private linked: AbortSignal | undefined = undefined

  private readonly outer: AbortState
  private readonly deadline: Deadline

  constructor(outer: AbortState, deadline: Deadline) {
    this.outer = outer
    this.deadline = deadline
  }

  get aborted(): boolean {
    return this.reason !== undefined || this.outer.aborted
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController()
      if (this.reason !== undefined) this.controller.abort(this.reason)
      else if (this.outer.aborted) this.controller.abort(this.outer.signal.reason)
      else if (!this.deadline.over) this.link()
    }
    return this.controller.signal
  }

  expire(reason: unknown): void {
    if (this.reason !== undefined || this.outer.aborted) return
    this.reason = reason
    this.controller?.abort(reason)
  }

  unlink(): void {
    this.linked?.removeEventListener('abort', this)
    this.linked = undefined
  }

  /** The outer signal's abort event: the client went away. */
  handleEvent(): void {
    this.controller?.abort(this.linked?.reason)
    this.unlink()
  }

  private link(): void {
    // Reading the outer signal makes the server create it: paid only by an app that asked for ours.
    this.linked = this.outer.signal
    this.linked.addEventListener('abort', this)
  }
}
