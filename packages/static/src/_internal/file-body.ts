import type { ErrorStream } from '@tsgi/core'
import { closeFd, readFd } from './file-system.js'

/** The size of each chunk read from a file, and the largest file read in one go. */
export const CHUNK_SIZE: number = 64 * 1024

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined }

/**
 * A file streamed as a body: `length` bytes from `position`, in chunks of up to 64 KiB, each a
 * fresh buffer (the server may still hold the last one). The descriptor is closed exactly once
 * on every path (spec §5.4): after the last byte, on a read error, on `return()` and on `close()`.
 * A `close()` that arrives while a read is pending (the client left, spec §5.4.7) closes the
 * descriptor when that read settles, never under it, so the number cannot be reused by another
 * open file while the read still targets it.
 */
export class FileBody implements AsyncIterableIterator<Uint8Array> {
  #fd: number
  #position: number
  #remaining: number
  #reading = false
  #closed = false
  readonly #errors: ErrorStream

  constructor(fd: number, position: number, length: number, errors: ErrorStream) {
    this.#fd = fd
    this.#position = position
    this.#remaining = length
    this.#errors = errors
  }

  [Symbol.asyncIterator](): this {
    return this
  }

  async next(): Promise<IteratorResult<Uint8Array, undefined>> {
    if (this.#closed || this.#remaining === 0) {
      this.#release()
      return DONE
    }
    const size = Math.min(CHUNK_SIZE, this.#remaining)
    const buffer = Buffer.allocUnsafe(size)
    let bytes: number
    this.#reading = true
    try {
      bytes = await readFd(this.#fd, buffer, 0, size, this.#position)
    } catch (error) {
      this.#closed = true
      throw error
    } finally {
      this.#reading = false
      if (this.#closed) this.#release()
    }
    if (this.#closed) return DONE
    if (bytes === 0) {
      this.close()
      throw new Error(`@tsgi/static: the file ended ${this.#remaining} bytes early (it changed while sent)`)
    }
    this.#position += bytes
    this.#remaining -= bytes
    // The last byte is read: let the file go now rather than on the next pull or close().
    if (this.#remaining === 0) this.close()
    return { done: false, value: bytes === size ? buffer : buffer.subarray(0, bytes) }
  }

  async return(): Promise<IteratorResult<Uint8Array, undefined>> {
    this.close()
    return DONE
  }

  /** Stops the body and closes the file (once, even when called again). */
  close(): void {
    this.#closed = true
    if (!this.#reading) this.#release()
  }

  #release(): void {
    if (this.#fd === -1) return
    const fd = this.#fd
    this.#fd = -1
    closeFd(fd, this.#errors)
  }
}
