// The rules a response header must follow (spec §4.2, §4.4), as predicates shared by the server
// adapters, the test client and lint, so that all of them agree on what is refused.

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
// Field values: visible Latin-1 characters, spaces and tabs; no CR, LF, NUL or other controls
// (RFC 9110 §5.5, PEP 3333 "A Note On String Types": nothing above U+00FF).
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/

/**
 * The hop-by-hop and framing headers an app must not send (spec §4.4, PEP 3333 "Other HTTP
 * Features", RFC 9110 §7.6.1): the server alone decides how the connection and the framing work.
 */
export const HOP_BY_HOP_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

/**
 * Whether `name` is a valid header field name: an RFC 9110 §5.6.2 token (spec §4.2).
 *
 * @example
 * isHeaderName('content-type') // true
 * isHeaderName('bad name:') // false
 */
export function isHeaderName(name: unknown): boolean {
  return typeof name === 'string' && TOKEN.test(name)
}

/**
 * Whether `value` is a valid header field value: Latin-1 only (≤ U+00FF), no CR, LF, NUL or other
 * control character except tab (spec §4.2).
 *
 * @example
 * isHeaderValue('text/plain') // true
 * isHeaderValue('a\r\nSet-Cookie: x') // false
 */
export function isHeaderValue(value: unknown): boolean {
  return typeof value === 'string' && FIELD_VALUE.test(value)
}

/**
 * Whether `name` (any case) is a hop-by-hop or framing header an app must not send (spec §4.4).
 *
 * @example
 * isHopByHop('Transfer-Encoding') // true
 */
export function isHopByHop(name: string): boolean {
  return HOP_BY_HOP_HEADERS.has(name.toLowerCase())
}
