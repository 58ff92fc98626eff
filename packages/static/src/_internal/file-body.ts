import { read } from 'node:fs'
import type { ErrorStream } from '@tsgi/core'
import { closeFd } from './file-system.js'

/** The size of each chunk read from a file, and the largest file read in one go. */
export const CHUNK_SIZE: number = 64 * 1024

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined }

/** A settled read: never a rejected promise, so a read-ahead nobody awaits cannot go unhandled. */
type ReadResult = { buffer: Buffer; bytes: number; error?: undefined } | { error: NodeJS.ErrnoException }

/**
 * A file streamed as a body: `length` bytes from `position`, in chunks of up to 64 KiB, each a
 * fresh buffer (the server may still hold the last one). Each `next()` starts the read of the
 * following chunk before it returns, so the disk works while the server writes; there is never
 * more than one read in flight. The descriptor is closed exactly once on every path (spec §5.4):
 * after the last byte, on a read error, on `return()` and on `close()`. A `close()` that arrives
 * while a read is in flight (the client left, spec §5.4.7) closes the descriptor when that read
 * settles, never under it, so the number cannot be reused by another open file while the read
 * still targets it.
 */
export class FileBody implements AsyncIterableIterator<Uint8Array> {
  #fd: number
  #position: number
  #remaining: number
  #ahead: Promise<ReadResult> | undefined
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
      this.close()
      return DONE
    }
    const result = await (this.#ahead ?? this.#read())
    this.#ahead = undefined
    if (this.#closed) return DONE
    if (result.error !== undefined) {
      this.close()
      throw result.error
    }
    const { buffer, bytes } = result
    if (bytes === 0) {
      this.close()
      throw new Error(`@tsgi/static: the file ended ${this.#remaining} bytes early (it changed while sent)`)
    }
    this.#position += bytes
    this.#remaining -= bytes
    // The last byte is read: let the file go now rather than on the next pull or close().
    if (this.#remaining === 0) this.close()
    else this.#ahead = this.#read()
    return { done: false, value: bytes === buffer.length ? buffer : buffer.subarray(0, bytes) }
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

  /** Reads the next chunk at the current position; the only place a read starts. */
  #read(): Promise<ReadResult> {
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK_SIZE, this.#remaining))
    this.#reading = true
    return new Promise((resolve) => {
      read(this.#fd, buffer, 0, buffer.length, this.#position, (error, bytes) => {
        this.#reading = false
        if (this.#closed) this.#release()
        resolve(error ? { error } : { buffer, bytes })
      })
    })
  }

  #release(): void {
    if (this.#fd === -1) return
    const fd = this.#fd
    this.#fd = -1
    closeFd(fd, this.#errors)
  }
}
