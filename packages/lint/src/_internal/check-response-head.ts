import { HOP_BY_HOP_HEADERS, isHeaderName, isHeaderValue } from '@tsgi/core'
import { LintError } from '../lint-error.js'

/** What lint keeps from a valid `startResponse` call to check the body against. */
export interface ResponseHead {
  code: number
  /** The declared Content-Length, or `undefined` when the app set none. */
  contentLength: number | undefined
  /** The list as passed, and a copy of its pairs, to find a change made afterwards (spec §4.3). */
  headers: readonly (readonly [string, string])[]
  copy: readonly (readonly [string, string])[]
}

const STATUS_FORM = /^\d{3} ./
const CONTROL = /[\x00-\x1f\x7f]/
const BEYOND_LATIN1 = /[^\x00-\xff]/
const DIGITS = /^\d+$/

/**
 * Checks the status and header list an app passes to `startResponse` (spec §4.1–§4.4, §5.6), the
 * checks of wsgiref.validate's check_status/check_headers and Rack::Lint's check_status/headers.
 */
export function checkResponseHead(status: unknown, headers: unknown): ResponseHead {
  if (typeof status !== 'string') throw new LintError('status must be a string', '4.1', status)
  if (!STATUS_FORM.test(status)) {
    throw new LintError('status must be 3 digits, a space and a reason', '4.1', status)
  }
  if (CONTROL.test(status)) throw new LintError('status must not contain control characters', '4.1', status)
  if (BEYOND_LATIN1.test(status)) throw new LintError('status must not contain characters above U+00FF', '4.1', status)
  if (status.trim() !== status) throw new LintError('status must not have surrounding whitespace', '4.1', status)
  const code = Number(status.slice(0, 3))
  if (code < 200 || code > 599) {
    throw new LintError('status code must be from 200 to 599 (a 1xx is the server’s business)', '4.1', status)
  }
  if (!Array.isArray(headers)) throw new LintError('headers must be an array of [name, value] pairs', '4.2', headers)
  let contentLength: number | undefined
  let contentType = false
  for (const header of headers as unknown[]) {
    if (!Array.isArray(header) || header.length !== 2) {
      throw new LintError('each header must be a [name, value] pair', '4.2', header)
    }
    const [name, value] = header as [unknown, unknown]
    if (typeof name !== 'string') throw new LintError('header names must be strings', '4.2', name)
    if (typeof value !== 'string') throw new LintError(`header values must be strings (header ${name})`, '4.2', value)
    if (!isHeaderName(name)) throw new LintError('header names must be tokens (RFC 9110 §5.1)', '4.2', name)
    const lower = name.toLowerCase()
    if (lower === 'status')
      throw new LintError('the status goes in the status line, not a "status" header', '4.2', name)
    if (!isHeaderValue(value)) {
      throw new LintError(
        BEYOND_LATIN1.test(value)
          ? `header values must not contain characters above U+00FF (header ${name})`
          : `header values must not contain CR, LF, NUL or other control characters (header ${name})`,
        '4.2',
        value,
      )
    }
    if (HOP_BY_HOP_HEADERS.has(lower)) throw new LintError('apps must not send hop-by-hop headers', '4.4', name)
    if (lower === 'content-type') contentType = true
    else if (lower === 'content-length') {
      if (!DIGITS.test(value)) throw new LintError('Content-Length must be a decimal number of bytes', '5.5', value)
      if (contentLength !== undefined && contentLength !== Number(value)) {
        throw new LintError('Content-Length must not be sent twice with different values', '5.5', value)
      }
      contentLength = Number(value)
    }
  }
  if (code === 204 || code === 304) {
    if (contentType) throw new LintError(`a ${code} response must not have a Content-Type`, '5.6', status)
    if (code === 204 && contentLength !== undefined) {
      throw new LintError('a 204 response must not have a Content-Length', '5.6', status)
    }
  }
  const list = headers as readonly (readonly [string, string])[]
  return { code, contentLength, headers: list, copy: list.map(([name, value]) => [name, value] as const) }
}

/**
 * Throws if the header list of `head` was changed after it was passed to `startResponse`: the
 * array or one of its pairs (spec §4.3.1). wsgiref cannot see this; lint compares with its copy.
 */
export function checkHeadersUnchanged(head: ResponseHead): void {
  const { headers, copy } = head
  let same = headers.length === copy.length
  for (let index = 0; same && index < copy.length; index++) {
    const pair = headers[index]
    const kept = copy[index] as readonly [string, string]
    same = Array.isArray(pair) && pair.length === 2 && pair[0] === kept[0] && pair[1] === kept[1]
  }
  if (!same) {
    throw new LintError('a header list must not be changed after it was passed to startResponse', '4.3', headers)
  }
}
