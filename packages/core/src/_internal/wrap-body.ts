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
const DONE: Step = { done: true, value: undefined }

/**
 * Wraps a body so that each chunk passes through hooks, keeping its kind: a sync iterable stays
 * sync, an async one stays async (spec §5.2). Iterable at most once (spec §5.3); `return()` and
 * `close()` are forwarded exactly once each, in the order the consumer calls them (spec §5.4).
 */
export function wrapBody(body: Body, hooks: WrapHooks): Body {
  if (typeof body === 'string' || body instanceof Uint8Array || body === null || typeof body !== 'object') {
    throw new TypeError(`A body must be an iterable of Uint8Array chunks (spec §5.1), got ${describe(body)}`)
  }
  const isAsync = typeof (body as AsyncIterable<Chunk>)[Symbol.asyncIterator] === 'function'
  if (!isAsync && typeof (body as Iterable<Chunk>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`A body must be an iterable of Uint8Array chunks (spec §5.1), got ${describe(body)}`)
  }
  let started = false
  let reachedEnd = false
  let closed = false
  let escaped: unknown
  let inner: Iterator<Chunk> | AsyncIterator<Chunk> | undefined
  let replacement: Iterator<Chunk> | undefined
  let ended = hooks.end === undefined
  let stopped = false

  const open = (): void => {
    if (started) throw new TypeError('A body can be iterated only once (spec §5.3)')
    started = true
    inner = isAsync
      ? (body as AsyncIterable<Chunk>)[Symbol.asyncIterator]()
      : (body as Iterable<Chunk>)[Symbol.iterator]()
  }
  const onValue = (step: Step): Step => {
    if (!step.done) return hooks.chunk ? { done: false, value: hooks.chunk(step.value) } : step
    inner = undefined
    return atEnd()
  }
  // A `chunk` or `end` hook that throws fails the body like the inner iterator would.
  const mapped = (step: Step): Step => {
    try {
      return onValue(step)
    } catch (thrown) {
      return onThrow(thrown)
    }
  }
  const atEnd = (): Step => {
    if (stopped) return DONE
    if (!ended) {
      ended = true
      let last: Chunk | undefined
      try {
        last = hooks.end!()
      } catch (thrown) {
        return onThrow(thrown)
      }
      if (last !== undefined) return { done: false, value: last }
    }
    reachedEnd = true
    return DONE
  }
  const fromReplacement = (): Step => {
    const step = replacement!.next()
    if (step.done) {
      replacement = undefined
      reachedEnd = true
      return DONE
    }
    return step
  }
  const onThrow = (thrown: unknown): Step => {
    // A next() that throws is an early stop (spec §5.4): return() if the iterator has one. An
    // error from that return() is dropped in favour of the first, which is the one reported.
    const failed = inner
    inner = undefined
    try {
      const returned = failed?.return?.()
      if (returned && typeof (returned as Promise<unknown>).then === 'function') {
        ;(returned as Promise<unknown>).then(undefined, () => {})
      }
    } catch {}
    let chunks: Iterable<Chunk> | undefined
    try {
      chunks = hooks.error?.(thrown)
    } catch (rethrown) {
      escaped = rethrown
      throw rethrown
    }
    if (chunks === undefined) {
      escaped = thrown
      throw thrown
    }
    ended = true // the replacement is the whole rest of the response; `end` is not added to it
    replacement = chunks[Symbol.iterator]()
    return fromReplacement()
  }
  const stop = (): Step => {
    stopped = true
    const current = inner
    inner = undefined
    replacement = undefined
    current?.return?.()
    return DONE
  }
  const close = (): void | Promise<void> => {
    if (closed) return
    closed = true
    // An error that escaped ended the body; it was not stopped from outside.
    const aborted = !reachedEnd && escaped === undefined
    try {
      return body.close?.()
    } finally {
      hooks.finally(escaped, aborted)
    }
  }

  if (isAsync) {
    return {
      [Symbol.asyncIterator]() {
        open()
        return {
          next: (): Promise<Step> => {
            if (replacement !== undefined) return Promise.resolve(fromReplacement())
            if (inner === undefined) return Promise.resolve(atEnd())
            let pending: Promise<Step>
            try {
              pending = (inner as AsyncIterator<Chunk>).next()
            } catch (thrown) {
              return Promise.resolve().then(() => onThrow(thrown))
            }
            return Promise.resolve(pending).then(mapped, onThrow)
          },
          return: (): Promise<Step> => {
            stopped = true
            const current = inner as AsyncIterator<Chunk> | undefined
            inner = undefined
            replacement = undefined
            return current?.return ? Promise.resolve(current.return()).then(() => DONE) : Promise.resolve(DONE)
          },
        }
      },
      close,
    }
  }
  return {
    [Symbol.iterator]() {
      open()
      return {
        next: (): Step => {
          if (replacement !== undefined) return fromReplacement()
          if (inner === undefined) return atEnd()
          let step: Step
          try {
            step = (inner as Iterator<Chunk>).next()
          } catch (thrown) {
            return onThrow(thrown)
          }
          return mapped(step)
        },
        return: stop,
      }
    },
    close,
  }
}
