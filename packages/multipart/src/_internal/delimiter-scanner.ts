const CR = 0x0d

/**
 * Finds the multipart delimiter `CRLF "--" boundary` (RFC 2046 §5.1.1) in a stream of chunks, in
 * time linear in the input, and hands back the bytes before it as views of the chunks (no copy).
 *
 * A Horspool skip loop: each window looks at its last byte and jumps by the skip table, about a
 * delimiter's length at a time on most content. Horspool alone can take m steps per byte; here
 * it cannot, because of the delimiter's shape. RFC 2046's `bchars` exclude CR, so CR occurs in
 * the delimiter only at its first byte, and a window is compared from its first byte: a window
 * that does not start with CR costs one comparison, and the bytes matched after a CR are not CR,
 * so no later window starting with CR compares them again. Each byte is read at most three times
 * (a window's last byte, a first byte, a matched byte). A delimiter cut by a chunk boundary is
 * remembered as the length of the prefix matched so far (its bytes are the delimiter's own), so
 * at most 73 bytes are ever held.
 *
 * `work` counts the bytes read, for tests that check the bound by counting rather than timing.
 */
export class DelimiterScanner {
  /** `CRLF "--" boundary`, the bytes searched for. */
  readonly delimiter: Uint8Array
  /** Bytes read so far: at most three times the input's length. */
  work = 0
  /** How many bytes of the delimiter the end of the last chunk matched (0: none). */
  #held = 0
  /** Horspool's table: how far a window may move given its last byte. */
  readonly #skip = new Uint8Array(256)

  constructor(delimiter: Uint8Array, held = 0) {
    this.delimiter = delimiter
    this.#held = held
    const last = delimiter.length - 1
    this.#skip.fill(delimiter.length)
    for (let i = 0; i < last; i++) this.#skip[delimiter[i]!] = last - i
  }

  /**
   * Scans `chunk` from `from` for the delimiter. Returns the end of the data (exclusive) and
   * where scanning stopped: `found` says whether the delimiter ends at `next`. Data before a
   * delimiter prefix held from earlier chunks comes out through `heldData`.
   */
  scan(chunk: Uint8Array, from: number): ScanResult {
    const delimiter = this.delimiter
    const m = delimiter.length
    const length = chunk.length
    if (this.#held > 0) {
      let k = this.#held
      let j = from
      while (k < m && j < length && chunk[j] === delimiter[k]) {
        j++
        k++
      }
      this.work += j - from + 1
      if (k === m) {
        this.#held = 0
        return this.#result(from, from, j, true, undefined)
      }
      if (j === length) {
        this.#held = k
        return this.#result(from, from, j, false, undefined)
      }
      // Not a delimiter after all: the held bytes were data, and so are the ones just matched
      // (none of them is CR), so scanning goes on from here.
      return this.#result(from, from, from, false, this.#takeHeld())
    }
    const last = m - 1
    const lastByte = delimiter[last]
    const skip = this.#skip
    let i = from
    let work = 0
    while (i + last < length) {
      const c = chunk[i + last]!
      work++
      if (c === lastByte) {
        let k = 0
        while (k < last && chunk[i + k] === delimiter[k]) k++
        work += k + 1
        if (k === last) {
          this.work += work
          return this.#result(from, i, i + m, true, undefined)
        }
      }
      i += skip[c]!
    }
    this.work += work
    return this.#tail(chunk, from, i)
  }

  /** The last window(s), cut by the chunk's end: a CR whose rest matches a prefix is held. */
  #tail(chunk: Uint8Array, from: number, i: number): ScanResult {
    const delimiter = this.delimiter
    const length = chunk.length
    for (let cr = chunk.indexOf(CR, i); cr !== -1; cr = chunk.indexOf(CR, cr + 1)) {
      let j = cr + 1
      while (j < length && chunk[j] === delimiter[j - cr]) j++
      this.work += j - cr
      if (j === length) {
        this.#held = j - cr
        return this.#result(from, cr, length, false, undefined)
      }
    }
    this.work += length - i
    return this.#result(from, length, length, false, undefined)
  }

  /** The held delimiter prefix as data: a fresh copy, since a consumer may keep it. */
  #takeHeld(): Uint8Array {
    const held = this.delimiter.slice(0, this.#held)
    this.#held = 0
    return held
  }

  // One result object reused: the caller reads it before the next scan.
  #out: ScanResult = { start: 0, end: 0, next: 0, found: false, heldData: undefined }
  #result(start: number, end: number, next: number, found: boolean, heldData: Uint8Array | undefined): ScanResult {
    const out = this.#out
    out.start = start
    out.end = end
    out.next = next
    out.found = found
    out.heldData = heldData
    return out
  }
}

/** What {@link DelimiterScanner.scan} found; reused between calls. */
export interface ScanResult {
  /** The data in the chunk is `[start, end)`. */
  start: number
  end: number
  /** Where the next scan starts (past the delimiter when `found`). */
  next: number
  /** Whether the delimiter ends just before `next`. */
  found: boolean
  /** Bytes held from earlier chunks that turned out to be data; they come before `[start, end)`. */
  heldData: Uint8Array | undefined
}
