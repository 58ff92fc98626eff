import { describe } from './_internal/describe.js'
import { encodedSlashesOption } from './_internal/encoded-slashes.js'
import { BadRequest } from './errors.js'

/** Options for {@link decodePathInfo}. */
export interface DecodePathInfoOptions {
  /**
   * What an encoded slash (`%2F`) in the path becomes (spec §2.5). `'reject'`: a 400. `'keep'`:
   * the three characters `%2F` stay in `PATH_INFO`, so a router sees one segment; `%25` then
   * stays encoded too, so that `%252F` on the wire cannot pose as `%2F`.
   * @default 'reject'
   */
  encodedSlashes?: 'reject' | 'keep'
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Decodes the path of a request target into `PATH_INFO` (spec §2.5): percent-escapes are decoded
 * and the bytes read as strict UTF-8. Malformed escapes, invalid UTF-8, `%00`, control characters
 * and dot segments that came from escapes (`%2e%2e`) throw a 400 {@link BadRequest}, so a server
 * answers before the app runs. Every adapter and the test client decode through this function,
 * so they agree byte for byte. A path without `%` and with only printable ASCII is returned as is.
 *
 * @param rawPath the request target's path, before `?`; must start with `/`, or be `*`.
 * @throws {BadRequest} (400) for a path that cannot be decoded safely.
 * @throws {TypeError} if `rawPath` is not a string or an option is invalid.
 * @example
 * decodePathInfo('/caf%C3%A9/a%2Fb', { encodedSlashes: 'keep' }) // '/café/a%2Fb'
 */
export function decodePathInfo(rawPath: string, options: DecodePathInfoOptions = {}): string {
  if (typeof rawPath !== 'string') {
    throw new TypeError(`decodePathInfo(): rawPath must be a string, got ${describe(rawPath)}`)
  }
  const keep = encodedSlashesOption('decodePathInfo', options)
  if (rawPath === '*') return rawPath // the asterisk form of OPTIONS (RFC 9112 §3.2.4)
  if (rawPath.charCodeAt(0) !== 0x2f) throw bad(rawPath, 'the path must start with "/"')
  // Fast path: printable ASCII without escapes is already PATH_INFO.
  let index = 1
  const length = rawPath.length
  for (; index < length; index++) {
    const code = rawPath.charCodeAt(index)
    if (code === 0x25 || code <= 0x20 || code >= 0x7f) break
  }
  return index === length ? rawPath : decodeSlow(rawPath, keep)
}

function decodeSlow(rawPath: string, keep: boolean): string {
  const bytes = new Uint8Array(rawPath.length)
  let size = 0
  let segmentStart = 0
  let segmentEscaped = false
  for (let index = 0; index < rawPath.length; index++) {
    const code = rawPath.charCodeAt(index)
    if (code === 0x25) {
      const byte = (hex(rawPath.charCodeAt(index + 1)) << 4) | hex(rawPath.charCodeAt(index + 2))
      if (byte < 0) throw bad(rawPath, `malformed percent-escape at offset ${index}`)
      if (byte === 0) throw bad(rawPath, 'it contains %00')
      segmentEscaped = true
      index += 2
      if (byte === 0x2f || (byte === 0x25 && keep)) {
        if (!keep) throw bad(rawPath, 'it contains an encoded slash (%2F)')
        // Kept as three characters, upper-cased so `%2f` and `%2F` reach the app alike.
        bytes[size++] = 0x25
        bytes[size++] = 0x32
        bytes[size++] = byte === 0x2f ? 0x46 : 0x35
        continue
      }
      bytes[size++] = byte
      continue
    }
    if (code <= 0x20 || code === 0x7f) throw bad(rawPath, `it contains a control character at offset ${index}`)
    if (code > 0xff) throw bad(rawPath, `it contains a character outside Latin-1 at offset ${index}`)
    if (code === 0x2f) {
      if (segmentEscaped && isDotSegment(bytes, segmentStart, size)) throw bad(rawPath, 'it has an encoded dot segment')
      segmentStart = size + 1
      segmentEscaped = false
    }
    // A raw byte above 0x7F (Node hands request targets over as Latin-1) is part of a UTF-8 sequence.
    bytes[size++] = code
  }
  if (segmentEscaped && isDotSegment(bytes, segmentStart, size)) throw bad(rawPath, 'it has an encoded dot segment')
  try {
    return utf8.decode(bytes.subarray(0, size))
  } catch {
    throw bad(rawPath, 'it is not valid UTF-8')
  }
}

function isDotSegment(bytes: Uint8Array, start: number, end: number): boolean {
  const length = end - start
  return (length === 1 || length === 2) && bytes[start] === 0x2e && (length === 1 || bytes[start + 1] === 0x2e)
}

/** The value of one hex digit, or a large negative number so that a bad digit poisons the byte. */
function hex(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  const lower = code | 0x20
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x57
  return -256
}

function bad(rawPath: string, why: string): BadRequest {
  return new BadRequest(`Bad request path: ${why}`, { cause: rawPath })
}
