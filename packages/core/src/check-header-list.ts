import { describe } from './_internal/describe.js'
import { HOP_BY_HOP_HEADERS, isHeaderName, isHeaderValue } from './header-rules.js'
import type { HeaderList } from './types.js'

// At most 15 digits, so the length is a safe integer.
const DIGITS = /^\d{1,15}$/

/**
 * Checks a response header list as a server's `startResponse` must (spec §4.2, §4.4, §5.5.2) and
 * returns its `Content-Length` as a number, or -1 when it has none. Every server adapter and the
 * test client call it, so that all of them refuse the same lists: an array of `[name, value]`
 * pairs of strings; names RFC 9110 tokens and not `status`; values Latin-1 without control
 * characters other than HTAB; no hop-by-hop header; `Content-Length` ASCII digits, repeated only
 * with the same value (RFC 9110 §8.6).
 *
 * @throws {TypeError} for the first problem, naming the header and citing the section.
 * @example
 * const length = checkHeaderList([['content-type', 'text/plain'], ['content-length', '5']]) // 5
 */
export function checkHeaderList(headers: unknown): number {
  return checkHeaderListInto(headers, undefined)
}

/**
 * {@link checkHeaderList}, also copying each checked pair into `out` when given. Each name and
 * value is read once, so what was checked is what is sent even if the caller changes its list
 * later (spec §4.3; a server sends `out`, never the caller's array). Internal to core.
 */
export function checkHeaderListInto(headers: unknown, out: [string, string][] | undefined): number {
  if (!Array.isArray(headers)) {
    throw new TypeError(
      `startResponse(): headers must be an array of [name, value] pairs (spec §4.2), got ${describe(headers)}`,
    )
  }
  let contentLength = -1
  for (let index = 0; index < headers.length; index++) {
    const pair: unknown = headers[index]
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new TypeError(
        `startResponse(): header ${index} must be a [name, value] pair (spec §4.2), got ${describe(pair)}`,
      )
    }
    const name: unknown = pair[0]
    const value: unknown = pair[1]
    if (!isHeaderName(name)) {
      throw new TypeError(
        `startResponse(): header ${index} has a name that is not a token (spec §4.2), got ${describe(name)}`,
      )
    }
    if (!isHeaderValue(value)) {
      throw new TypeError(
        `startResponse(): the value of header ${JSON.stringify(name)} has a control character or one above U+00FF, or is not a string (spec §4.2)`,
      )
    }
    // The names checked below have at most 19 characters; longer ones skip the lower-casing.
    const lower = (name as string).length <= 19 ? (name as string).toLowerCase() : ''
    if (lower === 'status') {
      throw new TypeError(
        'startResponse(): a "status" header is not allowed; the status goes in the status line (spec §4.2)',
      )
    }
    if (HOP_BY_HOP_HEADERS.has(lower)) {
      throw new TypeError(
        `startResponse(): ${JSON.stringify(name)} is a hop-by-hop header; the server manages it (spec §4.4)`,
      )
    }
    if (lower === 'content-length') {
      const length = DIGITS.test(value as string) ? Number(value) : -1
      if (length === -1 || (contentLength !== -1 && contentLength !== length)) {
        throw new TypeError(
          `startResponse(): Content-Length must be one decimal number (spec §5.5), got ${JSON.stringify(value)}`,
        )
      }
      contentLength = length
    }
    if (out !== undefined) out.push([name as string, value as string])
  }
  return contentLength
}

/** The framing headers a server sets itself on an error response (spec §6.2.1). */
const FRAMING: ReadonlySet<string> = new Set(['content-type', 'content-length'])

/**
 * The headers of an error that a server may send with its error response (spec §6.2.1, §8.2.4):
 * those of `headers` that pass spec §4.2 and §4.4, without `Content-Type` and `Content-Length`
 * (the server sets its own for the text it sends). Headers taken from a thrown error are not
 * trusted, so the others are dropped rather than failing the error response. Every server adapter
 * and the test client use it, so that they render an error alike.
 *
 * @example
 * errorHeaders([['allow', 'GET'], ['x-bad', 'a\r\nb'], ['content-type', 'text/html']]) // [['allow', 'GET']]
 */
export function errorHeaders(headers: unknown): HeaderList {
  if (!Array.isArray(headers)) return []
  const kept: (readonly [string, string])[] = []
  for (const pair of headers as unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2) continue
    const [name, value] = pair as [unknown, unknown]
    if (!isHeaderName(name) || !isHeaderValue(value)) continue
    const lower = (name as string).toLowerCase()
    if (lower === 'status' || HOP_BY_HOP_HEADERS.has(lower) || FRAMING.has(lower)) continue
    kept.push([name as string, value as string])
  }
  return kept
}
