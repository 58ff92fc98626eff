import { BadRequest } from '@tsgi/core'

/** The parts of a `Content-Disposition: form-data` field value that a form needs. */
export interface FormDisposition {
  name: string
  filename: string | undefined
}

const SP = 0x20
const HTAB = 0x09
const SEMI = 0x3b
const EQ = 0x3d
const DQUOTE = 0x22
const BACKSLASH = 0x5c

/**
 * Reads `form-data; name="…"; filename="…"` (RFC 7578 §4.2, RFC 6266 §4.1) in one linear pass.
 *
 * Quoted values follow what clients actually send rather than the letter of RFC 9110's
 * quoted-string, because the two disagree on backslashes:
 * - browsers (the WHATWG form encoding) send `"` as `%22`, CR as `%0D` and LF as `%0A` in a name
 *   or file name, and a backslash as itself; those three escapes are decoded here;
 * - older browsers, Python's `email` and urllib3 escape `"` and `\` with a backslash; `\"` and
 *   `\\` are decoded, and any other backslash is kept, so a browser's `a\b.txt` stays `a\b.txt`.
 * `filename*` (RFC 8187 `UTF-8''%E2%82%AC.txt`, or ISO-8859-1) wins over `filename`
 * (RFC 6266 §4.3). A repeated parameter is ambiguous and refused.
 *
 * @throws {BadRequest} (400) for another disposition type, a missing `name`, or a malformed value.
 */
export function parseFormDisposition(value: string): FormDisposition {
  const length = value.length
  let i = 0
  while (i < length && value.charCodeAt(i) !== SEMI) i++
  if (value.slice(0, i).trim().toLowerCase() !== 'form-data') {
    throw new BadRequest('A multipart/form-data part has a Content-Disposition other than form-data')
  }
  const params: Record<string, string> = Object.create(null)
  while (i < length) {
    i = skipSpace(value, i + 1) // past ";"
    if (i >= length) break
    let eq = i
    while (eq < length && value.charCodeAt(eq) !== EQ && value.charCodeAt(eq) !== SEMI) eq++
    if (eq >= length || value.charCodeAt(eq) !== EQ) throw malformed()
    const key = value.slice(i, eq).trim().toLowerCase()
    if (key === '' || key in params) throw malformed()
    i = skipSpace(value, eq + 1)
    let text: string
    if (value.charCodeAt(i) === DQUOTE) {
      const close = closingQuote(value, i + 1)
      text = unescapeQuoted(value.slice(i + 1, close))
      i = skipSpace(value, close + 1)
      if (i < length && value.charCodeAt(i) !== SEMI) throw malformed()
    } else {
      // A bare value (some non-browser clients send one): up to the next ";", trimmed.
      let end = i
      while (end < length && value.charCodeAt(end) !== SEMI) end++
      text = value.slice(i, end).trim()
      i = end
    }
    params[key] = text
  }
  const name = params.name
  if (name === undefined) throw new BadRequest('A multipart/form-data part has no name in its Content-Disposition')
  const star = params['filename*']
  const filename = star === undefined ? params.filename : extValue(star)
  return {
    name: webEscapes(name),
    filename: star === undefined && filename !== undefined ? webEscapes(filename) : filename,
  }
}

/** The index of the `"` that closes a quoted value starting at `i`; `\"` does not close it. */
function closingQuote(value: string, i: number): number {
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c === DQUOTE) return i
    if (c === BACKSLASH && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1)
      if (next === DQUOTE || next === BACKSLASH) i++
    }
  }
  throw malformed()
}

/** Resolves `\"` and `\\`; any other backslash stays (browsers send a backslash as itself). */
function unescapeQuoted(text: string): string {
  return text.includes('\\') ? text.replace(/\\(["\\])/g, '$1') : text
}

/** The WHATWG form encoding's escapes for a name or file name: `%22`, `%0D`, `%0A`. */
function webEscapes(text: string): string {
  return text.includes('%')
    ? text.replace(/%(22|0D|0A)/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : text
}

/** An RFC 8187 ext-value: `charset "'" [ language ] "'" value-chars`, UTF-8 or ISO-8859-1. */
function extValue(text: string): string {
  const first = text.indexOf("'")
  const second = first === -1 ? -1 : text.indexOf("'", first + 1)
  if (second === -1) throw malformed()
  const charset = text.slice(0, first).toLowerCase()
  const encoded = text.slice(second + 1)
  if (!/^(?:[!#$&+.^_`|~0-9A-Za-z-]|%[0-9A-Fa-f]{2})*$/.test(encoded)) throw malformed()
  const bytes = new Uint8Array(encoded.length)
  let n = 0
  for (let i = 0; i < encoded.length; i++) {
    if (encoded.charCodeAt(i) === 0x25) {
      bytes[n++] = Number.parseInt(encoded.slice(i + 1, i + 3), 16)
      i += 2
    } else bytes[n++] = encoded.charCodeAt(i)
  }
  if (charset === 'utf-8') {
    try {
      return utf8.decode(bytes.subarray(0, n))
    } catch {
      throw malformed()
    }
  }
  if (charset === 'iso-8859-1') return String.fromCharCode(...bytes.subarray(0, n))
  throw malformed()
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

function skipSpace(value: string, i: number): number {
  while (i < value.length && (value.charCodeAt(i) === SP || value.charCodeAt(i) === HTAB)) i++
  return i
}

function malformed(): BadRequest {
  return new BadRequest('A multipart/form-data part has a malformed Content-Disposition')
}
