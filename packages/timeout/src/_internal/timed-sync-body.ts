import type { Body, Chunk } from '@tsgi/core'
import type { Deadline } from './deadline.js'

/**
 * The app's synchronous (non-array) body under a deadline, kept synchronous so the server keeps
 * its fast path. A sync body cannot be stopped while it computes a chunk; the time can only be up
 * between two pulls (while the server waits for a slow client), so each `next()` checks first:
 * once it is up, `next()` throws the 503 error: rendered if nothing was committed, else the
 * connection is cut (spec §6.2). The server then calls `return()` and `close()`, forwarded once.
 */
export class TimedSyncBody implements Iterator<Chunk> {
  private iterator: Iterator<Chunk> | undefined
  private closed = false

  private readonly body: Body
  private readonly deadline: Deadline

  constructor(body: Body, deadline: Deadline) {
    this.body = body
    this.deadline = deadline
  }

  [Symbol.iterator](): Iterator<Chunk> {
    this.iterator = (this.body as Iterable<Chunk>)[Symbol.iterator]()
    return this
  }

  next(): IteratorResult<Chunk> {
    if (this.deadline.expired) {
      this.return() // this iterator ends with the error: release the inner one now (spec §5.4.4)
      throw this.deadline.error
    }
    const step = this.iterator!.next()
    if (step.done) this.deadline.finish()
    else if (step.value.length > 0) this.deadline.committed = true
    return step
  }

  return(): IteratorResult<Chunk> {
    const iterator = this.iterator
    this.iterator = undefined
    iterator?.return?.()
    return { done: true, value: undefined }
  }

  close(): void | Promise<void> {
    if (this.closed) return
    this.closed = true
    this.deadline.finish()
    return this.body.close?.()
  }
}
