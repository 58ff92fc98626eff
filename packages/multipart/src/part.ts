import { concatBytes } from '@tsgi/core'
import { decodeUtf8 } from './_internal/decode-utf8.js'
import type { MultipartReader } from './_internal/multipart-reader.js'
import type { PartHead } from './_internal/part-head.js'

/**
 * One part of a `multipart/form-data` body, as {@link parts} yields it: its head, and its
 * content as an async iterable of byte chunks that can be read once, before the next part.
 * Leaving it unread (or half read) is fine: the rest is skipped when the next part is asked for,
 * and still counts against the limits.
 */
export interface Part extends AsyncIterable<Uint8Array> {
  /** The form field's name (`name` of its `Content-Disposition`, RFC 7578 §4.2). */
  readonly name: string
  /**
   * The file name the client sent (`filename*` or `filename`), or `undefined` for a field. It is
   * only a label from the client: never use it as a path.
   */
  readonly filename: string | undefined
  /**
   * The part's `Content-Type` as sent, or RFC 7578 §4.4's default: `text/plain` for a field,
   * `application/octet-stream` for a file.
   */
  readonly contentType: string
  /** All the part's header fields by lower-case name (a null-prototype record). */
  readonly headers: Readonly<Record<string, string>>
  /** The whole content as bytes, bounded by `fieldSize` or `fileSize`. */
  bytes(): Promise<Uint8Array>
  /** The whole content decoded as UTF-8 (invalid bytes become U+FFFD), bounded as {@link Part.bytes}. */
  text(): Promise<string>
}

/** A {@link Part} reading its content from the reader while it is the current part. */
export class ReaderPart implements Part {
  name = ''
  filename: string | undefined
  contentType = ''
  headers: Readonly<Record<string, string>> = Object.create(null)
  readonly #reader: MultipartReader
  #opened = false

  // Made before its head is read: the reader knows a part by this object from the start.
  constructor(reader: MultipartReader) {
    this.#reader = reader
  }

  /** Fills in the head once the reader has parsed it. */
  open(head: PartHead): this {
    this.name = head.name
    this.filename = head.filename
    this.contentType = head.contentType
    this.headers = head.headers
    return this
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    this.#open()
    const reader = this.#reader
    const next = async (): Promise<IteratorResult<Uint8Array>> => {
      const data = await reader.nextData(this)
      return data === null ? { done: true, value: undefined } : { done: false, value: data }
    }
    // Leaving the loop early needs nothing: the rest is skipped when the next part is read.
    return { next, return: async () => ({ done: true, value: undefined }) }
  }

  async bytes(): Promise<Uint8Array> {
    this.#open()
    return concatBytes(await this.#reader.rest(this))
  }

  async text(): Promise<string> {
    return decodeUtf8(await this.bytes())
  }

  #open(): void {
    if (this.#opened) throw new TypeError(`The content of part ${JSON.stringify(this.name)} can be read only once`)
    this.#opened = true
  }
}
