// `%XX` for every byte, upper-case as Python writes them.
const ESCAPES: readonly string[] = Array.from(
  { length: 256 },
  (_, b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
)

const ALWAYS_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~'

/** For each ASCII code: its output (itself, `+` for a space, or its escape). */
function table(safe: string): readonly string[] {
  const out = ESCAPES.slice(0, 128)
  // Python's `safe` is encoded as ASCII with errors='ignore': other characters never become safe.
  for (const ch of ALWAYS_SAFE + safe) if (ch.charCodeAt(0) < 128) out[ch.charCodeAt(0)] = ch
  out[32] = '+' // Python: a space becomes `+` even when `safe` lists it
  return out
}

const DEFAULT_TABLE = table('')

/**
 * Python's `urllib.parse.quote_plus`: percent-encodes a string's UTF-8 bytes (or raw bytes) for a
 * form value. Letters, digits and `_.-~` stay, a space becomes `+`, everything else, `+`, `&` and
 * `=` included, becomes `%XX` unless it is an ASCII character listed in `safe`.
 *
 * @throws {TypeError} if `string` is neither a string nor a `Uint8Array`, or `safe` is not a string.
 * @throws {RangeError} for a lone surrogate, which has no UTF-8 form (Python: `UnicodeEncodeError`).
 * @example
 * quotePlus('a b&c=€') // 'a+b%26c%3D%E2%82%AC'
 */
export function quotePlus(string: string | Uint8Array, safe = ''): string {
  if (typeof safe !== 'string') throw new TypeError(`quotePlus(): safe must be a string, got ${typeof safe}`)
  const codes = safe === '' ? DEFAULT_TABLE : table(safe)
  if (string instanceof Uint8Array) {
    let out = ''
    for (let i = 0; i < string.length; i++) {
      const b = string[i]!
      out += b < 128 ? codes[b]! : ESCAPES[b]!
    }
    return out
  }
  if (typeof string !== 'string') {
    throw new TypeError(`quotePlus(): string must be a string or a Uint8Array, got ${typeof string}`)
  }
  return quoteString(string, codes)
}

function quoteString(s: string, codes: readonly string[]): string {
  let out = ''
  let copied = 0 // the start of the run of unchanged characters not yet copied to `out`
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i)
    if (c < 128 && c !== 32 && codes[c]!.length === 1) continue
    out += s.slice(copied, i)
    if (c < 0x80) out += codes[c]!
    else if (c < 0x800) out += ESCAPES[0xc0 | (c >> 6)]! + ESCAPES[0x80 | (c & 0x3f)]!
    else if (c < 0xd800 || c > 0xdfff) {
      out += ESCAPES[0xe0 | (c >> 12)]! + ESCAPES[0x80 | ((c >> 6) & 0x3f)]! + ESCAPES[0x80 | (c & 0x3f)]!
    } else {
      const low = s.charCodeAt(i + 1)
      if (c > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) {
        throw new RangeError(
          `quotePlus(): lone surrogate U+${c.toString(16).toUpperCase()} at index ${i} has no UTF-8 form`,
        )
      }
      c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00)
      i++
      out +=
        ESCAPES[0xf0 | (c >> 18)]! +
        ESCAPES[0x80 | ((c >> 12) & 0x3f)]! +
        ESCAPES[0x80 | ((c >> 6) & 0x3f)]! +
        ESCAPES[0x80 | (c & 0x3f)]!
    }
    copied = i + 1
  }
  return copied === 0 ? s : out + s.slice(copied)
}
