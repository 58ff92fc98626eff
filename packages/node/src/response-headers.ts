import type { HeaderList } from '@tsgi/core'

// RFC 9110 §5.6.2 token characters; values as node accepts them: tab, printable ASCII and
// obs-text up to U+00FF, so never CR, LF or NUL (spec §4.2).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const VALUE = /^[\t\x20-\x7e\x80-\xff]*$/
const DIGITS = /^\d{1,15}$/

// Connection-level headers belong to the server, never to the app (spec §4.4, RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
])

/**
 * Checks an app's header list once per response (spec §4.2, §4.4) and returns its
 * `Content-Length` as a number (-1 when absent). Throws a `TypeError` naming the bad header, so
 * the response becomes a logged 500 and nothing of it is written.
 */
export function checkHeaders(headers: HeaderList): number {
  let contentLength = -1
  for (let index = 0; index < headers.length; index++) {
    const pair = headers[index]
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new TypeError(`Response header ${index} must be a [name, value] pair (spec §4.2)`)
    }
    const [name, value] = pair as [unknown, unknown]
    if (typeof name !== 'string' || !TOKEN.test(name)) {
      throw new TypeError(`Response header ${index} has a name that is not an HTTP token (spec §4.2)`)
    }
    if (typeof value !== 'string' || !VALUE.test(value)) {
      throw new TypeError(
        `Response header ${JSON.stringify(name)} has a value with control characters or beyond U+00FF (spec §4.2)`,
      )
    }
    // Every name checked below has at most 17 characters; longer ones skip the lower-casing.
    const lower = name.length <= 17 ? name.toLowerCase() : ''
    if (HOP_BY_HOP.has(lower)) {
      throw new TypeError(`Response header ${JSON.stringify(name)} is hop-by-hop; the server manages it (spec §4.4)`)
    }
    if (lower === 'content-length') {
      if (!DIGITS.test(value) || (contentLength !== -1 && contentLength !== Number(value))) {
        throw new TypeError(`Response header content-length must be one decimal number, got ${JSON.stringify(value)}`)
      }
      contentLength = Number(value)
    }
  }
  return contentLength
}
