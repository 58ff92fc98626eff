import { constants, type OutgoingHttpHeaders, type ServerHttp2Stream } from 'node:http2'
import type { HeaderList, ResponseDriver, ResponseSink } from '@tsgi/core'
import type { HandlerState } from './node-sink.js'

/**
 * Core's response driver writing to one HTTP/2 stream (spec §6.7): the head as a HEADERS frame
 * (`:status` and the driver's checked headers; HTTP/2 has no reason phrase, RFC 9113 §8.3.2),
 * chunks as DATA frames with the stream's flow control as back-pressure, and a cut as
 * `RST_STREAM` (INTERNAL_ERROR), so the client sees the response was not complete.
 */
export class Http2Sink implements ResponseSink {
  /** Whether the response was handed over whole: `end()` or `endArray()` was called. */
  private ended = false
  private readonly stream: ServerHttp2Stream
  private readonly state: HandlerState

  constructor(stream: ServerHttp2Stream, state: HandlerState) {
    this.stream = stream
    this.state = state
  }

  head(status: number, _reason: string, headers: HeaderList, _length: number): void {
    const stream = this.stream
    if (stream.destroyed || stream.closed) return
    stream.respond(toHeaderBlock(status, headers))
  }

  write(chunk: Uint8Array): boolean {
    const stream = this.stream
    if (stream.destroyed || stream.closed) return true
    return stream.write(chunk)
  }

  end(chunk?: Uint8Array): void {
    this.ended = true
    const stream = this.stream
    if (stream.destroyed || stream.closed) return
    if (chunk === undefined) stream.end()
    else stream.end(chunk)
  }

  endArray(chunks: readonly Uint8Array[]): void {
    this.ended = true
    const stream = this.stream
    if (stream.destroyed || stream.closed) return
    // One chunk, the common case, goes out with END_STREAM on its DATA frame.
    if (chunks.length === 1) {
      stream.end(chunks[0])
      return
    }
    stream.cork()
    for (let index = 0; index < chunks.length; index++) {
      const chunk = chunks[index] as Uint8Array
      if (chunk.byteLength > 0) stream.write(chunk)
    }
    stream.end()
    stream.uncork()
  }

  cut(): void {
    const stream = this.stream
    if (!stream.destroyed && !stream.closed) stream.close(constants.NGHTTP2_INTERNAL_ERROR)
  }

  watch(driver: ResponseDriver): void {
    const stream = this.stream
    // RST_STREAM from the client, or the session going away, before the response was handed
    // over: an abort (spec §3.4). (A reset stream reports writableFinished, so it cannot tell.)
    stream.once('close', () => {
      if (!this.ended) driver.abort()
    })
    stream.on('drain', () => driver.resume())
  }

  track(pending: Promise<unknown>): void {
    const set = this.state.pending
    const tracked: Promise<unknown> = pending.finally(() => set.delete(tracked))
    set.add(tracked)
  }
}

/**
 * The header block of a response: names are lower-case on the wire (RFC 9113 §8.2.1) and
 * repeated fields (Set-Cookie) stay separate values.
 */
function toHeaderBlock(status: number, headers: HeaderList): OutgoingHttpHeaders {
  const block: OutgoingHttpHeaders = Object.create(null)
  block[':status'] = status
  for (let index = 0; index < headers.length; index++) {
    const [name, value] = headers[index] as readonly [string, string]
    const key = name.toLowerCase()
    const previous = block[key]
    if (previous === undefined) block[key] = value
    else if (Array.isArray(previous)) previous.push(value)
    else block[key] = [previous as string, value]
  }
  return block
}
