const CR = 0x0d

/**
 * Finds the multipart delimiter `CRLF "--" boundary` (RFC 2046 §5.1.1) in a stream of chunks, in
 * time linear in the input, and hands back the bytes before it as views of the chunks (no copy).
 *
 * Linear because of the delimiter's shape: RFC 2046's `bchars` exclude CR, so CR occurs in the
 * delimiter only at its first byte. The scan jumps from CR to CR with the platform's
 * `indexOf` and compares the delimiter at each; the bytes a failed comparison matched are not CR,
 * so the next candidate starts past them, and every input byte is looked at by `indexOf` once and
 * compared at most once. A delimiter cut by a chunk boundary is remembered as the length of the
 * prefix matched so far (its bytes are the delimiter's own), so at most 73 bytes are ever held.
 *
 * `work` counts the bytes `indexOf` crossed plus the bytes compared, for tests that check the
 * bound by counting rather than by timing.
 */
export class DelimiterScanner {
  /** `CRLF "--" boundary`, the bytes searched for. */
  readonly delimiter: Uint8Array
  /** Bytes crossed or compared so far: at most twice the input's length. */
  work = 0
  /** How many bytes of the delimiter the end of the last chunk matched (0: none). */
  #held = 0

  constructor(delimiter: Uint8Array, held = 0) {
    this.delimiter = delimiter
    this.#held = held
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
    let i = from
    for (;;) {
      const cr = chunk.indexOf(CR, i)
      if (cr === -1) {
        this.work += length - i
        return this.#result(from, length, length, false, undefined)
      }
      this.work += cr - i + 1
      let k = 1
      let j = cr + 1
      while (k < m && j < length && chunk[j] === delimiter[k]) {
        j++
        k++
      }
      this.work += j - cr - 1
      if (k === m) return this.#result(from, cr, j, true, undefined)
      if (j === length) {
        this.#held = k
        return this.#result(from, cr, j, false, undefined)
      }
      i = j
    }
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
