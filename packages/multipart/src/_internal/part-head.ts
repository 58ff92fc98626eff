import { BadRequest, isHeaderName } from '@tsgi/core'
import { MultipartLimitError, type ResolvedLimits } from '../limits.js'
import { parseFormDisposition } from './content-disposition.js'
import { decodeUtf8 } from './decode-utf8.js'

/** What a part's header section says: see `Part`. */
export interface PartHead {
  name: string
  filename: string | undefined
  contentType: string
  headers: Record<string, string>
}

/** Fields that may appear once only: a second one would make the part ambiguous. */
const SINGLE = new Set(['content-disposition', 'content-type'])

/**
 * Parses one part's header section (RFC 7578 §4.8: `Content-Disposition`, optionally
 * `Content-Type`; other fields are kept but mean nothing to a form). `block` is the section's
 * bytes without its final blank line.
 *
 * @throws {BadRequest} (400) for a malformed line, a repeated `Content-Disposition` or
 * `Content-Type`, or no `Content-Disposition`.
 * @throws {MultipartLimitError} (413) for more than `headerPairs` fields.
 */
export function parsePartHead(block: Uint8Array, limits: ResolvedLimits): PartHead {
  const headers: Record<string, string> = Object.create(null)
  // UTF-8, which browsers use for names and file names (the WHATWG form encoding); a byte that
  // is not UTF-8 becomes U+FFFD rather than failing the upload.
  const text = decodeUtf8(block)
  let pairs = 0
  let start = 0
  while (start < text.length) {
    let end = text.indexOf('\r\n', start)
    if (end === -1) end = text.length
    if (++pairs > limits.headerPairs) {
      throw new MultipartLimitError('headerPairs', limits.headerPairs, 'A multipart part has too many header fields')
    }
    addLine(headers, text.slice(start, end))
    start = end + 2
  }
  const disposition = headers['content-disposition']
  if (disposition === undefined) throw new BadRequest('A multipart/form-data part has no Content-Disposition')
  const { name, filename } = parseFormDisposition(disposition)
  // RFC 7578 §4.4: a field defaults to text/plain, a file to application/octet-stream.
  const contentType = headers['content-type'] ?? (filename === undefined ? 'text/plain' : 'application/octet-stream')
  return { name, filename, contentType, headers }
}

function addLine(headers: Record<string, string>, line: string): void {
  const colon = line.indexOf(':')
  // A bare CR or LF, a folded line (obs-fold, refused by RFC 9112 §5.2) or no name: malformed.
  if (colon <= 0 || /[\r\n]/.test(line) || !isHeaderName(line.slice(0, colon))) {
    throw new BadRequest('A multipart/form-data part has a malformed header line')
  }
  const name = line.slice(0, colon).toLowerCase()
  const value = trimOws(line, colon + 1)
  const previous = headers[name]
  if (previous === undefined) headers[name] = value
  else if (SINGLE.has(name)) throw new BadRequest(`A multipart/form-data part has two ${name} fields`)
  else headers[name] = `${previous}, ${value}`
}

/** `line` from `start` without leading and trailing SP / HTAB (RFC 9110 §5.5), without a backtracking regex. */
function trimOws(line: string, start: number): string {
  let end = line.length
  while (start < end && (line.charCodeAt(start) === 0x20 || line.charCodeAt(start) === 0x09)) start++
  while (end > start && (line.charCodeAt(end - 1) === 0x20 || line.charCodeAt(end - 1) === 0x09)) end--
  return line.slice(start, end)
}
