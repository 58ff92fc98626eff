import type { Transform } from 'node:stream'
import type { Chunk } from '@tsgi/core'

const EMPTY: Chunk = new Uint8Array(0)

/**
 * One response's streaming compressor over a `node:zlib` stream, shaped as async hooks for core's
 * `transformBody`: `chunk` compresses one chunk and flushes, resolving with every byte the client
 * needs to decode it; `end` finishes the stream; `finally` frees it, on every path.
 *
 * At most one chunk is in the compressor at a time (the body wrapper pulls the next inner chunk
 * only once this one resolved), so memory stays bounded by one chunk and zlib's window whatever
 * the body's length, and back-pressure from the client reaches the app.
 */
export class ZlibCoder {
  readonly async = true
  private readonly stream: Transform
  private readonly flushKind: number
  private parts: Buffer[] = []
  private size = 0
  private settle: ((chunk: Chunk) => void) | undefined
  private fail: ((error: unknown) => void) | undefined
  private failure: unknown

  constructor(stream: Transform, flushKind: number) {
    this.stream = stream
    this.flushKind = flushKind
    stream.on('data', (part: Buffer) => {
      this.parts.push(part)
      this.size += part.length
    })
    stream.on('error', (error: unknown) => {
      this.failure = error
      this.fail?.(error)
    })
  }

  chunk(chunk: Chunk): Chunk | Promise<Chunk> {
    // An empty chunk means "nothing yet" (spec §5.1) and stays empty: no flush bytes for it.
    if (chunk.length === 0) return chunk
    return this.pending((done) => {
      this.stream.write(chunk)
      ;(this.stream as Transform & { flush(kind: number, callback: () => void): void }).flush(this.flushKind, done)
    })
  }

  end(): Promise<Chunk | undefined> {
    return this.pending((done) => {
      this.stream.once('end', done)
      this.stream.end()
    })
  }

  finally(): void {
    // Client gone, body failed or ended: free zlib's memory now, and settle a read that is
    // still waiting with what was produced, so nothing is left hanging on the stream.
    this.stream.destroy()
    this.settle?.(this.take())
  }

  private pending(start: (done: () => void) => void): Promise<Chunk> {
    if (this.failure !== undefined) return Promise.reject(this.failure)
    return new Promise<Chunk>((resolve, reject) => {
      this.settle = resolve
      this.fail = reject
      start(() => {
        // Output pushed while the stream was mid-write can still sit in its buffer: read it out
        // (read() emits it as 'data') before handing the bytes on.
        while (this.stream.readableLength > 0 && this.stream.read() !== null);
        this.settle = undefined
        this.fail = undefined
        resolve(this.take())
      })
    })
  }

  private take(): Chunk {
    const { parts, size } = this
    this.parts = []
    this.size = 0
    if (parts.length === 0) return EMPTY
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, size)
  }
}
