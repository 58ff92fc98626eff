import { extname } from 'node:path'
import type { Body, Environ, StartResponse } from '@tsgi/core'
import { lookup } from 'mrmime'
import parseRange from 'range-parser'
import type { StaticSettings } from '../serve-static-options.js'
import { CHUNK_SIZE, FileBody } from './file-body.js'
import { closeFd, readExactly } from './file-system.js'
import type { OpenFile } from './locate.js'
import { evaluatePreconditions, ifRangeHolds, type Validators } from './preconditions.js'
import { notModifiedHeaders, preconditionFailed, rangeNotSatisfiable } from './responses.js'

/**
 * Answers GET or HEAD with an open file: preconditions (RFC 9110 §13.2.2), a single byte range
 * (§14), and the body. Files up to 64 KiB are read in one read (they would be one chunk anyway)
 * and sent as an array, which the server writes at once; larger ones stream in 64 KiB chunks.
 * The descriptor is closed on every path: here, or by the streamed body.
 */
export async function fileResponse(
  settings: StaticSettings,
  environ: Environ,
  startResponse: StartResponse,
  file: OpenFile,
): Promise<Body> {
  let handedOver = false
  try {
    const validators: Validators = {
      etag: settings.etag ? entityTag(file.stat.size, file.stat.mtimeMs, file.encoding) : undefined,
      lastModified: settings.lastModified ? Math.floor(file.stat.mtimeMs / 1000) * 1000 : undefined,
    }
    const headers = representationHeaders(settings, file, validators)
    const decision = evaluatePreconditions(environ, validators)
    if (decision === 304) {
      startResponse('304 Not Modified', notModifiedHeaders(headers))
      return []
    }
    if (decision === 412) return preconditionFailed(startResponse)
    const range = requestedRange(environ, file.stat.size, validators)
    if (range === 'unsatisfiable') return rangeNotSatisfiable(startResponse, file.stat.size)
    const body = await sendBytes(environ, startResponse, file, headers, range)
    handedOver = body instanceof FileBody
    return body
  } finally {
    if (!handedOver) closeFd(file.fd, environ['tsgi.errors'])
  }
}

/** Starts the 200 or 206 and returns its body: nothing for HEAD, one chunk up to 64 KiB, else a stream. */
async function sendBytes(
  environ: Environ,
  startResponse: StartResponse,
  file: OpenFile,
  headers: [string, string][],
  range: { start: number; end: number } | undefined,
): Promise<Body> {
  const size = file.stat.size
  const start = range ? range.start : 0
  const length = range ? range.end - range.start + 1 : size
  if (range) headers.push(['content-range', `bytes ${range.start}-${range.end}/${size}`])
  headers.push(['content-length', String(length)])
  const status = range ? '206 Partial Content' : '200 OK'
  if (environ.REQUEST_METHOD === 'HEAD' || length === 0) {
    startResponse(status, headers)
    return []
  }
  if (length <= CHUNK_SIZE) {
    const bytes = await readExactly(file.fd, start, length)
    startResponse(status, headers)
    return [bytes]
  }
  startResponse(status, headers)
  return new FileBody(file.fd, start, length, environ['tsgi.errors'])
}

/**
 * The Range to serve: `undefined` for the whole file, `'unsatisfiable'` for a 416. Only GET has
 * ranges (§14.2); a Range that is malformed, not in bytes, or fails its If-Range is ignored. Ranges
 * that overlap or touch are merged; several ranges that stay apart are answered with the whole
 * file (a 200, which §14.2 allows), never `multipart/byteranges`: one response shape, and no
 * many-small-ranges amplification.
 */
function requestedRange(
  environ: Environ,
  size: number,
  validators: Validators,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const header = environ.HTTP_RANGE
  if (header === undefined || environ.REQUEST_METHOD !== 'GET') return undefined
  const ifRange = environ.HTTP_IF_RANGE
  if (ifRange !== undefined && !ifRangeHolds(ifRange, validators)) return undefined
  const ranges = parseRange(size, header, { combine: true })
  if (ranges === -2) return undefined
  if (ranges === -1) return 'unsatisfiable'
  if (ranges.type !== 'bytes' || ranges.length !== 1) return undefined
  return ranges[0]
}

function representationHeaders(settings: StaticSettings, file: OpenFile, validators: Validators): [string, string][] {
  const headers: [string, string][] = [
    ['content-type', mediaType(file.path)],
    ['accept-ranges', 'bytes'],
    ['cache-control', settings.cacheControl],
  ]
  if (validators.etag !== undefined) headers.push(['etag', validators.etag])
  if (validators.lastModified !== undefined) {
    headers.push(['last-modified', new Date(validators.lastModified).toUTCString()])
  }
  if (file.encoding !== undefined) headers.push(['content-encoding', file.encoding])
  if (settings.encodings.length > 0) headers.push(['vary', 'accept-encoding'])
  return headers
}

/**
 * A strong entity tag from the size and the modification time in ms (and the coding of a
 * precompressed sibling), as nginx makes them: it changes whenever the file is rewritten.
 */
function entityTag(size: number, mtimeMs: number, encoding: string | undefined): string {
  return `"${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}${encoding ? `-${encoding}` : ''}"`
}

/** The media type of a file name, with `charset=utf-8` for text; cached per extension. */
function mediaType(path: string): string {
  const extension = extname(path).slice(1).toLowerCase()
  let type = mediaTypes.get(extension)
  if (type === undefined) {
    const found = lookup(extension) ?? 'application/octet-stream'
    type = TEXTUAL.test(found) ? `${found}; charset=utf-8` : found
    if (mediaTypes.size < 1024) mediaTypes.set(extension, type)
  }
  return type
}

const mediaTypes = new Map<string, string>()
const TEXTUAL = /^(?:text\/|application\/(?:javascript|json|xml|manifest\+json)$|[^/]+\/[^/]+\+(?:json|xml)$)/
