import type { HeaderList } from '@tsgi/core'
import type { Encoding } from '../compress.js'

/** What the middleware needs from one response's status and headers, in one pass over them. */
interface HeadFacts {
  /** Whether a header says to leave the body alone. */
  leaveAlone: boolean
  contentType: string | undefined
  contentLength: number | undefined
}

/** The settings a plan needs, resolved once per `compress()` call. */
export interface PlanSettings {
  threshold: number
  filter: (contentType: string | undefined) => boolean
}

/**
 * Whether to compress a response. Left alone: 204, 304 (no body), 206 or any `Content-Range` (a
 * range of the identity bytes, RFC 9110 §14.4), an existing `Content-Encoding`, `Cache-Control:
 * no-transform` (RFC 9111 §5.2.2.6), a type the filter refuses, and a body under the threshold
 * when its length is known (`length`, else `Content-Length`).
 */
export function shouldCompress(
  status: string,
  headers: HeaderList,
  length: number | undefined,
  settings: PlanSettings,
): boolean {
  const code = Number.parseInt(status, 10)
  // No body to compress (1xx, 204, 304), or a range of the identity bytes (206).
  if (code < 200 || code === 204 || code === 206 || code === 304) return false
  const facts = readHead(headers)
  if (facts.leaveAlone) return false
  const known = length ?? facts.contentLength
  if (known !== undefined && known < settings.threshold) return false
  return settings.filter(facts.contentType)
}

function readHead(headers: HeaderList): HeadFacts {
  const facts: HeadFacts = { leaveAlone: false, contentType: undefined, contentLength: undefined }
  for (const [name, value] of headers) {
    switch (name.toLowerCase()) {
      case 'content-encoding':
      case 'content-range':
        facts.leaveAlone = true
        break
      case 'cache-control':
        if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(value)) facts.leaveAlone = true
        break
      case 'content-type':
        facts.contentType ??= value
        break
      case 'content-length':
        facts.contentLength ??= /^\d+$/.test(value) ? Number(value) : undefined
        break
    }
  }
  return facts
}

/** The headers of a response sent as is: the same list with `Vary: Accept-Encoding` merged in. */
export function plainHeaders(headers: HeaderList): HeaderList {
  return withVary(headers, headers)
}

/**
 * The headers of a compressed response: `Content-Encoding` set, `Content-Length` dropped (or set
 * to `length` for a body compressed in one go), a strong `ETag` made weak (the bytes differ, the
 * meaning does not: RFC 9110 §8.8.1), and `Vary: Accept-Encoding` merged in.
 */
export function encodedHeaders(headers: HeaderList, encoding: Encoding, length: number | undefined): HeaderList {
  const out: [string, string][] = []
  for (const header of headers) {
    const name = header[0].toLowerCase()
    if (name === 'content-length') continue
    if (name === 'etag' && !header[1].startsWith('W/')) out.push([header[0], `W/${header[1]}`])
    else out.push([header[0], header[1]])
  }
  out.push(['content-encoding', encoding])
  if (length !== undefined) out.push(['content-length', String(length)])
  return withVary(out, headers)
}

/**
 * Adds `accept-encoding` to the response's `Vary` (RFC 9110 §12.5.5): appended to the first
 * `Vary` header unless it is `*` or already names it, or a new header. `list` may be returned as
 * is; it is never mutated unless it is a fresh copy (`list !== original`).
 */
function withVary(list: HeaderList, original: HeaderList): HeaderList {
  const index = list.findIndex(([name]) => name.length === 4 && name.toLowerCase() === 'vary')
  if (index === -1) {
    if (list === original) return [...list, ['vary', 'Accept-Encoding']]
    ;(list as [string, string][]).push(['vary', 'Accept-Encoding'])
    return list
  }
  const value = list[index]![1]
  if (/(?:^|,)\s*(?:\*|accept-encoding)\s*(?:,|$)/i.test(value)) return list
  const copy = list === original ? [...list] : (list as [string, string][])
  copy[index] = [list[index]![0], value.trim() === '' ? 'Accept-Encoding' : `${value}, Accept-Encoding`]
  return copy
}
