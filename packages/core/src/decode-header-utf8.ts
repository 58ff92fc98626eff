import { describe } from './_internal/describe.js'

// Non-fatal: a header is client data, and a malformed byte must not turn into an exception in
// every app that reads it. Invalid sequences become U+FFFD, as browsers decode them.
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true })
const ASCII = /^[\x00-\x7f]*$/

/**
 * Re-decodes a request header value as UTF-8 (spec §2.3.4). A server hands header values over as
 * Latin-1 strings, one code unit per byte, as PEP 3333 and Node do; a client that sent UTF-8 text
 * (for example `X-Name: café` or a UTF-8 filename) shows up as mojibake (`cafÃ©`). This takes the
 * code units back to bytes and decodes them as UTF-8.
 *
 * Decoding is not strict: an invalid byte sequence becomes U+FFFD (the replacement character),
 * never an exception; compare the result with the input, or look for U+FFFD, to tell. A byte-order
 * mark is kept. A value of ASCII characters only is returned as is, without a copy.
 *
 * @throws {TypeError} if `value` is not a string.
 * @throws {RangeError} if `value` holds a code unit above U+00FF (it is then not a header value as a
 *   server delivers it).
 * @example
 * decodeHeaderUtf8(environ.HTTP_X_NAME ?? '') // 'cafÃ©' → 'café'
 */
export function decodeHeaderUtf8(value: string): string {
  if (typeof value !== 'string') {
    throw new TypeError(`decodeHeaderUtf8(): value must be a string, got ${describe(value)}`)
  }
  if (ASCII.test(value)) return value
  const bytes = new Uint8Array(value.length)
  for (let index = 0; index < value.length; index++) {
    const unit = value.charCodeAt(index)
    if (unit > 0xff) {
      throw new RangeError(
        `decodeHeaderUtf8(): value must be a Latin-1 string (code units ≤ U+00FF), got U+${unit.toString(16).toUpperCase().padStart(4, '0')} at ${index}`,
      )
    }
    bytes[index] = unit
  }
  return decoder.decode(bytes)
}
