import type { Body, Chunk } from '../types.js'
import { describe } from './describe.js'

/** What {@link wrapBody} does around an inner body; every hook is optional but `finally`. */
export interface WrapHooks {
  chunk: ((chunk: Chunk) => Chunk) | undefined
  end: (() => Chunk | undefined) | undefined
  /** Returns replacement chunks for a thrown error, or `undefined` to rethrow it. */
  error: ((error: unknown) => Iterable<Chunk> | undefined) | undefined
  /** Called once, from `close()`, with the error that escaped (if any) and whether it stopped early. */
  finally: (error: unknown, aborted: boolean) => void
}

type Step = IteratorResult<Chunk>
const DONE: Step = Object.freeze({ done: true, value: undefined })

/**
 * Wraps a body so that each chunk passes through hooks, keeping its kind: a sync iterable stays
 * sync, an async one stays async (spec §5.2). Iterable at most once (spec §5.3); `return()` and
 * `close()` are forwarded exactly once each, in the order the consumer calls them (spec §5.4).
 *
 * Per-request cost: one object, which is the body and, once iterated, its own iterator; the
 * protocol steps are prototype methods, not closures made per request.
 */
export function wrapBody(body: Body, hooks: WrapHooks): Body {
  if (typeof body === 'string' || body instanceof Uint8Array || body === null || typeof body !== 'object') {
    throw new TypeError(`A body must be an iterable of Uint8Array chunks (spec §5.1), got ${describe(body)}`)
  }
  if (typeof (body as AsyncIterable<Chunk>)[Symbol.asyncIterator] === 'function') return new AsyncWrapped(body, hooks)
  if (typeof (body as Iterable<Chunk>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`A body must be an iterable of Uint8Array chunks (spec §5.1), got ${describe(body)}`)
  }
  return new SyncWrapped(body, hooks)
}

/** The state and steps both kinds share; `inner` is the inner iterator while it is live. */
class Wrapped {
  protected inner: Iterator<Chunk> | AsyncIterator<Chunk> | undefined
  protected replacement: Iterator<Chunk> | undefined
  protected started = false
  protected ended: boolean
  protected stopped = false
  protected reachedEnd = false
  private closed = false
  private escaped: unknown

  protected readonly body: Body
  protected readonly hooks: WrapHooks

  constructor(body: Body, hooks: WrapHooks) {
    this.body = body
    this.hooks = hooks
    this.ended = hooks.end === undefined
  }

  protected open(): void {
    if (this.started) throw new TypeError('A body can be iterated only once (spec §5.3)')
    this.started = true
  }

  /** A `chunk` or `end` hook that throws fails the body like the inner iterator would. */
  protected mapped(step: Step): Step {
    try {
      if (!step.done) return this.hooks.chunk ? { done: false, value: this.hooks.chunk(step.value) } : step
      this.inner = undefined
      return this.atEnd()
    } catch (thrown) {
      return this.onThrow(thrown)
    }
  }

  protected atEnd(): Step {
    if (this.stopped) return DONE
    if (!this.ended) {
      this.ended = true
      let last: Chunk | undefined
      try {
        last = this.hooks.end!()
      } catch (thrown) {
        return this.onThrow(thrown)
      }
      if (last !== undefined) return { done: false, value: last }
    }
    this.reachedEnd = true
    return DONE
  }

  protected fromReplacement(): Step {
    const step = this.replacement!.next()
    if (!step.done) return step
    this.replacement = undefined
    this.reachedEnd = true
    return DONE
  }

  protected onThrow(thrown: unknown): Step {
    // A next() that throws is an early stop (spec §5.4): return() if the iterator has one. An
    // error from that return() is dropped in favour of the first, which is the one reported.
    const failed = this.inner
    this.inner = undefined
    try {
      const returned = failed?.return?.()
      if (returned && typeof (returned as Promise<unknown>).then === 'function') {
        ;(returned as Promise<unknown>).then(undefined, () => {})
      }
    } catch {}
    let chunks: Iterable<Chunk> | undefined
    try {
      chunks = this.hooks.error?.(thrown)
    } catch (rethrown) {
      this.escaped = rethrown
      throw rethrown
    }
    if (chunks === undefined) {
      this.escaped = thrown
      throw thrown
    }
    this.ended = true // the replacement is the whole rest of the response; `end` is not added to it
    this.replacement = chunks[Symbol.iterator]()
    return this.fromReplacement()
  }

  close(): void | Promise<void> {
    if (this.closed) return
    this.closed = true
    // An error that escaped ended the body; it was not stopped from outside.
    const aborted = !this.reachedEnd && this.escaped === undefined
    try {
      return this.body.close?.()
    } finally {
      this.hooks.finally(this.escaped, aborted)
    }
  }
}

class SyncWrapped extends Wrapped implements Iterable<Chunk>, Iterator<Chunk> {
  [Symbol.iterator](): Iterator<Chunk> {
    this.open()
    this.inner = (this.body as Iterable<Chunk>)[Symbol.iterator]()
    return this
  }

  next(): Step {
    if (this.replacement !== undefined) return this.fromReplacement()
    if (this.inner === undefined) return this.atEnd()
    let step: Step
    try {
      step = (this.inner as Iterator<Chunk>).next()
    } catch (thrown) {
      return this.onThrow(thrown)
    }
    return this.mapped(step)
  }

  return(): Step {
    this.stopped = true
    const current = this.inner
    this.inner = undefined
    this.replacement = undefined
    current?.return?.()
    return DONE
  }
}

class AsyncWrapped extends Wrapped implements AsyncIterable<Chunk>, AsyncIterator<Chunk> {
  [Symbol.asyncIterator](): AsyncIterator<Chunk> {
    this.open()
    this.inner = (this.body as AsyncIterable<Chunk>)[Symbol.asyncIterator]()
    return this
  }

  next(): Promise<Step> {
    if (this.replacement !== undefined) return Promise.resolve(this.fromReplacement())
    if (this.inner === undefined) return Promise.resolve(this.atEnd())
    let pending: Promise<Step>
    try {
      pending = (this.inner as AsyncIterator<Chunk>).next()
    } catch (thrown) {
      return Promise.resolve().then(() => this.onThrow(thrown))
    }
    return Promise.resolve(pending).then(
      (step) => this.mapped(step),
      (thrown: unknown) => this.onThrow(thrown),
    )
  }

  return(): Promise<Step> {
    this.stopped = true
    const current = this.inner as AsyncIterator<Chunk> | undefined
    this.inner = undefined
    this.replacement = undefined
    return current?.return ? Promise.resolve(current.return()).then(() => DONE) : Promise.resolve(DONE)
  }
}
