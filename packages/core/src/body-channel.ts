import { describe } from './_internal/describe.js'
import type { Chunk } from './types.js'

/**
 * A body that code writes into imperatively (spec §4.6, instead of PEP 3333's `write()`): return
 * it from the app, then `await write(chunk)` for each chunk and `end()`. Each write waits until the
 * consumer has taken the chunk, so a slow client slows the producer down (backpressure).
 */
export interface BodyChannel extends AsyncIterable<Chunk> {
  /**
   * Hands one chunk to the consumer; resolves once it was taken. Rejects if the consumer has gone
   * (the body was closed), so a producer knows to stop.
   */
  write(chunk: Chunk): Promise<void>
  /** Ends the body after the chunks written so far. Idempotent. */
  end(): void
  /** Ends the body with an error: the consumer's pending or next read rejects with it. */
  fail(error: unknown): void
  /** Called by the server when the response is over; rejects pending and later writes. */
  close(): void
  /** Whether the consumer has closed the body. */
  readonly closed: boolean
}

interface Waiting {
  chunk: Chunk
  taken: () => void
  refused: (error: Error) => void
}

/**
 * Makes a {@link BodyChannel}: an async-iterable body with `write(chunk): Promise<void>` that waits
 * for the consumer, and `end()`. Writes are queued in order; nothing is copied.
 *
 * @example
 * const app: App = (_environ, startResponse) => {
 *   const channel = bodyChannel()
 *   startResponse('200 OK', [['content-type', 'text/plain']])
 *   void (async () => {
 *     for (const word of ['a', 'b', 'c']) await channel.write(encoder.encode(word))
 *     channel.end()
 *   })().catch((error) => channel.fail(error))
 *   return channel
 * }
 */
export function bodyChannel(): BodyChannel {
  const queue: Waiting[] = []
  let reader: { resolve: (step: IteratorResult<Chunk>) => void; reject: (error: unknown) => void } | undefined
  let ended = false
  let failure: { error: unknown } | undefined
  let closed = false
  let iterated = false

  const gone = (): Error => new Error('The body channel was closed by its consumer; stop writing')
  const refuseAll = (): void => {
    for (const waiting of queue.splice(0)) waiting.refused(gone())
  }
  const settleReader = (): void => {
    if (reader === undefined) return
    const current = reader
    const waiting = queue.shift()
    if (waiting !== undefined) {
      reader = undefined
      waiting.taken()
      current.resolve({ done: false, value: waiting.chunk })
    } else if (failure !== undefined) {
      reader = undefined
      current.reject(failure.error)
    } else if (ended || closed) {
      reader = undefined
      current.resolve({ done: true, value: undefined })
    }
  }

  return {
    get closed() {
      return closed
    },
    write(chunk) {
      if (!(chunk instanceof Uint8Array)) {
        return Promise.reject(
          new TypeError(`bodyChannel().write(): chunk must be a Uint8Array, got ${describe(chunk)}`),
        )
      }
      if (closed) return Promise.reject(gone())
      if (ended || failure) return Promise.reject(new Error('bodyChannel().write() after end() or fail()'))
      return new Promise<void>((taken, refused) => {
        queue.push({ chunk, taken, refused })
        settleReader()
      })
    },
    end() {
      ended = true
      settleReader()
    },
    fail(error) {
      if (failure === undefined && !ended) failure = { error }
      settleReader()
    },
    close() {
      if (closed) return
      closed = true
      refuseAll()
      settleReader()
    },
    [Symbol.asyncIterator]() {
      if (iterated) throw new TypeError('A body can be iterated only once (spec §5.3)')
      iterated = true
      return {
        next: () =>
          new Promise<IteratorResult<Chunk>>((resolve, reject) => {
            if (reader !== undefined) {
              reject(new TypeError('bodyChannel(): next() called again before the previous read settled'))
              return
            }
            reader = { resolve, reject }
            settleReader()
          }),
        return: () => {
          closed = true
          refuseAll()
          settleReader()
          return Promise.resolve({ done: true as const, value: undefined })
        },
      }
    },
  }
}
