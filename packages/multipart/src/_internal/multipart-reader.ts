import { BadRequest, concatBytes } from '@tsgi/core'
import { MultipartLimitError, type ResolvedLimits } from '../limits.js'
import { DelimiterScanner } from './delimiter-scanner.js'
import { type PartHead, parsePartHead } from './part-head.js'

const CR = 0x0d
const LF = 0x0a
const DASH = 0x2d
const SP = 0x20
const HTAB = 0x09
const EMPTY = new Uint8Array(0)

type State = 'body' | 'delimiter' | 'done' | 'failed'

/**
 * The multipart/form-data state machine over `tsgi.input` (RFC 2046 §5.1.1, RFC 7578): preamble,
 * then for each part a delimiter line, a header section and a body, then the close delimiter.
 * It pulls a chunk only when the current part's consumer asks for more, so a slow consumer
 * slows the upload; it holds at most one chunk, a header section and a delimiter's prefix.
 * Any failure closes the input at once and is thrown again to every later call.
 */
export class MultipartReader {
  readonly #input: AsyncIterator<Uint8Array>
  readonly #limits: ResolvedLimits
  readonly #scanner: DelimiterScanner
  #chunk: Uint8Array = EMPTY
  #pos = 0
  #state: State = 'body'
  #failure: unknown
  #busy = false
  #atDelimiter = false
  /** The part whose body is being read; the preamble is a part nobody holds. */
  #current: object = {}
  #size = 0
  #sizeLimit = Number.POSITIVE_INFINITY
  #sizeLimitName: 'fileSize' | 'fieldSize' = 'fileSize'
  #counts = { parts: 0, fields: 0, files: 0 }

  constructor(input: AsyncIterator<Uint8Array>, boundary: string, limits: ResolvedLimits) {
    this.#input = input
    this.#limits = limits
    // The body starts as if after a CRLF, so a first delimiter with no preamble is found too.
    this.#scanner = new DelimiterScanner(new TextEncoder().encode(`\r\n--${boundary}`), 2)
  }

  /** Bytes scanned or compared while searching for delimiters (for tests that count work). */
  get work(): number {
    return this.#scanner.work
  }

  /** The next piece of `part`'s body, or `null` at its end. */
  async nextData(part: object): Promise<Uint8Array | null> {
    this.#enter(part)
    try {
      for (;;) {
        const data = this.#dataSync()
        if (data !== undefined) return data
        await this.#fillOrFail()
      }
    } catch (error) {
      throw await this.#fail(error)
    } finally {
      this.#busy = false
    }
  }

  /** The rest of `part`'s body as pieces (one await per chunk pulled, none for what is buffered). */
  async rest(part: object): Promise<Uint8Array[]> {
    this.#enter(part)
    try {
      const pieces: Uint8Array[] = []
      for (;;) {
        const data = this.#dataSync()
        if (data === null) return pieces
        if (data === undefined) await this.#fillOrFail()
        else pieces.push(data)
      }
    } catch (error) {
      throw await this.#fail(error)
    } finally {
      this.#busy = false
    }
  }

  /** Skips what is left of the current part and reads the next part's head; `undefined` after the last. */
  async nextPart(part: object): Promise<PartHead | undefined> {
    this.#enter(undefined)
    try {
      while (this.#state === 'body') if (this.#dataSync() === undefined) await this.#fillOrFail()
      if (this.#state === 'done') return undefined
      if (!(this.#delimiterLineSync() ?? (await this.#delimiterLine()))) {
        this.#state = 'done'
        await this.#input.return?.() // the epilogue is never read (RFC 2046 §5.1.1: ignored)
        return undefined
      }
      const head = parsePartHead(this.#headerBlockSync() ?? (await this.#headerBlock()), this.#limits)
      this.#count(head)
      this.#current = part
      this.#size = 0
      this.#state = 'body'
      return head
    } catch (error) {
      throw await this.#fail(error)
    } finally {
      this.#busy = false
    }
  }

  /** Stops reading (a consumer that leaves early): the input is closed unless it already ended. */
  async close(): Promise<void> {
    if (this.#state === 'done' || this.#state === 'failed') return
    this.#state = 'done'
    await this.#input.return?.()
  }

  #enter(part: object | undefined): void {
    if (this.#state === 'failed') throw this.#failure
    if (this.#busy) throw new TypeError('A multipart body is read one piece at a time: await the previous read first')
    if (part !== undefined && (part !== this.#current || this.#state !== 'body')) {
      throw new TypeError('This part is gone: its content can be read once, before moving to the next part')
    }
    this.#busy = true
  }

  /** The next piece of the body in the current chunk, `null` at the delimiter, `undefined` if the chunk is used up. */
  #dataSync(): Uint8Array | null | undefined {
    for (;;) {
      if (this.#atDelimiter) {
        this.#atDelimiter = false
        this.#state = 'delimiter'
        return null
      }
      const chunk = this.#chunk
      if (this.#pos >= chunk.length) return undefined
      const found = this.#scanner.scan(chunk, this.#pos)
      this.#pos = found.next
      this.#atDelimiter = found.found
      const data = found.heldData ?? (found.end > found.start ? chunk.subarray(found.start, found.end) : undefined)
      if (data !== undefined) {
        this.#size += data.length
        if (this.#size > this.#sizeLimit) throw this.#tooLarge()
        return data
      }
    }
  }

  async #fillOrFail(): Promise<void> {
    if (!(await this.#fill())) throw truncated()
  }

  /** {@link #delimiterLine} when the whole line is in the current chunk; `undefined` (nothing consumed) otherwise. */
  #delimiterLineSync(): boolean | undefined {
    const chunk = this.#chunk
    let i = this.#pos
    if (i + 1 >= chunk.length) return undefined
    if (chunk[i] === DASH) {
      if (chunk[i + 1] !== DASH) throw badDelimiter()
      this.#pos = i + 2
      return false
    }
    while (i < chunk.length && (chunk[i] === SP || chunk[i] === HTAB)) i++
    if (i - this.#pos > this.#limits.headerSize) throw badDelimiter()
    if (i + 1 >= chunk.length) return undefined
    if (chunk[i] !== CR || chunk[i + 1] !== LF) throw badDelimiter()
    this.#pos = i + 2
    return true
  }

  /** {@link #headerBlock} when the whole section is in the current chunk; `undefined` (nothing consumed) otherwise. */
  #headerBlockSync(): Uint8Array | undefined {
    const chunk = this.#chunk
    const start = this.#pos
    const limit = this.#limits.headerSize
    if (chunk[start] === CR && chunk[start + 1] === LF) {
      if (limit < 2) throw headerTooLarge(limit)
      this.#pos = start + 2
      return EMPTY
    }
    const stop = Math.min(chunk.length, start + limit + 1)
    for (let i = chunk.indexOf(CR, start); i !== -1 && i + 3 < stop; i = chunk.indexOf(CR, i + 1)) {
      if (chunk[i + 1] === LF && chunk[i + 2] === CR && chunk[i + 3] === LF) {
        if (i + 4 - start > limit) break
        this.#pos = i + 4
        return chunk.subarray(start, i)
      }
    }
    if (stop - start > limit) throw headerTooLarge(limit)
    return undefined
  }

  /** After `CRLF--boundary`: `--` ends the body, else optional padding and CRLF start a part. */
  async #delimiterLine(): Promise<boolean> {
    let b = this.#byte() ?? (await this.#slowByte())
    if (b === DASH) {
      if ((this.#byte() ?? (await this.#slowByte())) !== DASH) throw badDelimiter()
      return false
    }
    for (let padding = 0; b === SP || b === HTAB; padding++) {
      if (padding >= this.#limits.headerSize) throw badDelimiter()
      b = this.#byte() ?? (await this.#slowByte())
    }
    if (b !== CR || (this.#byte() ?? (await this.#slowByte())) !== LF) throw badDelimiter()
    return true
  }

  /** The header section up to its blank line (excluded), at most `headerSize` bytes with it. */
  async #headerBlock(): Promise<Uint8Array> {
    const limit = this.#limits.headerSize
    const pieces: Uint8Array[] = []
    let total = 0
    let matched = 2 // of CRLF CRLF: the delimiter line's CRLF counts, so an empty section is one CRLF
    for (;;) {
      if (this.#pos >= this.#chunk.length && !(await this.#fill())) throw truncated()
      const chunk = this.#chunk
      const start = this.#pos
      const stop = Math.min(chunk.length, start + limit - total + 1)
      let i = start
      while (i < stop && matched < 4) {
        const b = chunk[i++]
        if (b === CR) matched = matched === 0 || matched === 2 ? matched + 1 : 1
        else if (b === LF && (matched === 1 || matched === 3)) matched++
        else matched = 0
      }
      total += i - start
      this.#pos = i
      if (total > limit) throw headerTooLarge(limit)
      pieces.push(chunk.subarray(start, i))
      if (matched === 4) return concatBytes(pieces).subarray(0, Math.max(0, total - 4))
    }
  }

  #count(head: PartHead): void {
    const counts = this.#counts
    const limits = this.#limits
    if (++counts.parts > limits.parts)
      throw new MultipartLimitError('parts', limits.parts, 'The form has too many parts')
    if (head.filename !== undefined) {
      if (++counts.files > limits.files)
        throw new MultipartLimitError('files', limits.files, 'The form has too many files')
      this.#sizeLimit = limits.fileSize
      this.#sizeLimitName = 'fileSize'
    } else {
      if (++counts.fields > limits.fields) {
        throw new MultipartLimitError('fields', limits.fields, 'The form has too many fields')
      }
      this.#sizeLimit = limits.fieldSize
      this.#sizeLimitName = 'fieldSize'
    }
  }

  #tooLarge(): MultipartLimitError {
    const name = this.#sizeLimitName
    return new MultipartLimitError(
      name,
      this.#sizeLimit,
      `A ${name === 'fileSize' ? 'file' : 'field'} in the form is too large`,
    )
  }

  #byte(): number | undefined {
    return this.#pos < this.#chunk.length ? this.#chunk[this.#pos++] : undefined
  }

  async #slowByte(): Promise<number> {
    if (!(await this.#fill())) throw truncated()
    return this.#chunk[this.#pos++]!
  }

  async #fill(): Promise<boolean> {
    for (;;) {
      const result = await this.#input.next()
      if (result.done) return false
      if (!(result.value instanceof Uint8Array)) {
        throw new TypeError('tsgi.input yielded something other than a Uint8Array (spec §3.1)')
      }
      const value = result.value
      if (value.length > 0) {
        // A plain Uint8Array view (not a Buffer or other subclass): the scan's element reads
        // stay monomorphic, and the parts handed on are plain views too. No bytes are copied.
        this.#chunk =
          value.constructor === Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, value.length)
        this.#pos = 0
        return true
      }
    }
  }

  /** Ends the read: the input is closed once, and this error is what every later call throws. */
  async #fail(error: unknown): Promise<unknown> {
    if (this.#state === 'failed') return error
    const ended = this.#state === 'done'
    this.#state = 'failed'
    this.#failure = error
    if (!ended) {
      try {
        await this.#input.return?.()
      } catch {
        // The read already failed with `error`, which is what the caller must see; the input's
        // own complaint about being closed adds nothing to it.
      }
    }
    return error
  }
}

function truncated(): BadRequest {
  return new BadRequest('The multipart body ended before its final boundary')
}

function headerTooLarge(limit: number): MultipartLimitError {
  return new MultipartLimitError('headerSize', limit, 'A multipart part has a header section too large')
}

function badDelimiter(): BadRequest {
  return new BadRequest('A multipart boundary line is malformed')
}
