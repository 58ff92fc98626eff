import type { IncomingMessage, ServerResponse } from 'node:http'
import { BadRequest, bodyTooLarge, createInput } from '@tsgi/core'

const DONE: Promise<IteratorResult<Uint8Array>> = Promise.resolve({ done: true, value: undefined })

/**
 * The streaming `tsgi.input` of a request with a body (spec §3.1). Nothing is read before the
 * app's first `next()`; each `next()` lets at most one chunk through (pause/resume, no
 * concatenation), so nothing piles up ahead of the app. A body over `limit` bytes, or one that
 * ends early or malformed, makes the read reject. With `sendContinue`, `100 Continue` goes out
 * on the first read (spec §6.3).
 */
export function requestInput(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  sendContinue: boolean,
): AsyncIterable<Uint8Array> {
  return createInput(() => new BodyReader(req, res, limit, sendContinue))
}

type Waiter = { resolve(result: IteratorResult<Uint8Array>): void; reject(error: unknown): void }

class BodyReader implements AsyncIterator<Uint8Array> {
  private received = 0
  private ended = false
  private failure: unknown
  private readonly queue: Buffer[] = []
  private waiter: Waiter | undefined
  /** `100 Continue` is owed on the first `next()`, not when the iterator is made (spec §6.3.1). */
  private continueDue: boolean

  private readonly req: IncomingMessage
  private readonly res: ServerResponse
  private readonly limit: number

  constructor(req: IncomingMessage, res: ServerResponse, limit: number, sendContinue: boolean) {
    this.req = req
    this.res = res
    this.limit = limit
    this.continueDue = sendContinue
    req.on('data', this.onData)
    req.on('end', this.onEnd)
    req.on('error', this.onError)
    req.on('close', this.onClose)
    req.pause()
  }

  next(): Promise<IteratorResult<Uint8Array>> {
    if (this.continueDue) {
      this.continueDue = false
      if (!this.res.headersSent) this.res.writeContinue()
    }
    if (this.failure !== undefined) return Promise.reject(this.failure)
    const chunk = this.queue.shift()
    if (chunk !== undefined) return Promise.resolve({ done: false, value: chunk })
    if (this.ended) return DONE
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject }
      this.req.resume()
    })
  }

  return(): Promise<IteratorResult<Uint8Array>> {
    // `break` stops reading; the rest of the body is left on the wire, and the response closes
    // the connection rather than trying to reuse it (see node-sink.ts).
    this.detach()
    this.ended = true
    this.queue.length = 0
    return DONE
  }

  private readonly onData = (chunk: Buffer): void => {
    this.received += chunk.length
    if (this.received > this.limit) {
      // The chunk that crosses the limit is never handed over (spec §6.4).
      this.fail(bodyTooLarge(this.limit))
      return
    }
    this.req.pause()
    const waiter = this.waiter
    if (waiter === undefined) {
      this.queue.push(chunk)
      return
    }
    this.waiter = undefined
    waiter.resolve({ done: false, value: chunk })
  }

  private readonly onEnd = (): void => {
    this.ended = true
    this.detach()
    const waiter = this.waiter
    this.waiter = undefined
    waiter?.resolve({ done: true, value: undefined })
  }

  private readonly onError = (error: Error): void => {
    this.fail(new BadRequest('Request body could not be read', { cause: error }))
  }

  private readonly onClose = (): void => {
    if (!this.ended) this.fail(new BadRequest('Request body ended before it was complete'))
  }

  private fail(error: unknown): void {
    if (this.failure !== undefined || this.ended) return
    this.failure = error
    this.detach()
    this.queue.length = 0
    // The unread rest of the body makes the connection unusable for another request.
    if (!this.res.headersSent) this.res.shouldKeepAlive = false
    const waiter = this.waiter
    this.waiter = undefined
    waiter?.reject(error)
  }

  private detach(): void {
    const req = this.req
    req.pause()
    req.off('data', this.onData)
    req.off('end', this.onEnd)
    req.off('close', this.onClose)
    // 'error' stays handled: node may still report the connection's end on this stream.
  }
}
