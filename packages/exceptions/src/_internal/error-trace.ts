import type { Environ } from '@tsgi/core'
import { isWrapper } from './normalise.js'

// A cause chain is followed this far; a cycle (`a.cause = b; b.cause = a`) stops earlier.
const MAX_CAUSES = 16
// A non-Error value is shown up to this many characters, so a huge thrown object cannot flood
// the log or the debug page.
const MAX_VALUE = 500

/**
 * The thrown value and its `cause` chain as text, each link's `name: message` followed by its
 * stack frames, after werkzeug's traceback and Python's "The above exception was the direct cause".
 * A wrapper made by `HTTPError.from` is skipped: the trace starts at what was thrown.
 * Values that are not errors (strings, `undefined`, plain objects) are described, never coerced
 * with a `toString()` they may not have.
 */
export function errorTrace(error: unknown): string {
  const lines: string[] = []
  const seen = new Set<unknown>()
  // A wrapper made by HTTPError.from adds nothing but its status, which the caller shows.
  let link: unknown = isWrapper(error) ? (error as Error).cause : error
  for (let depth = 0; depth < MAX_CAUSES; depth++) {
    if (depth > 0) lines.push('Caused by:')
    if (!isError(link)) {
      lines.push(errorSummary(link))
      break
    }
    seen.add(link)
    lines.push(...errorLines(link))
    if (!('cause' in link)) break
    if (seen.has(link.cause)) {
      lines.push('Caused by: (cycle)')
      break
    }
    link = link.cause
  }
  return lines.join('\n')
}

/** One line naming what was thrown: `TypeError: x is not a function`, or a described value. */
export function errorSummary(thrown: unknown): string {
  return isError(thrown)
    ? `${safeString(thrown.name)}: ${safeString(thrown.message)}`
    : `Thrown value: ${describeValue(thrown)}`
}

/** The request line for logs and debug pages: `GET /path?query HTTP/1.1`. */
export function requestLine(environ: Environ): string {
  const target =
    environ.REQUEST_URI ||
    `${environ.SCRIPT_NAME}${environ.PATH_INFO}${environ.QUERY_STRING ? `?${environ.QUERY_STRING}` : ''}`
  return `${environ.REQUEST_METHOD} ${target} ${environ.SERVER_PROTOCOL}`.trimEnd()
}

/** `name: message`, then the stack's frames without the header V8 prints first. */
function errorLines(error: Error): string[] {
  const header = errorSummary(error)
  const stack = typeof error.stack === 'string' ? error.stack : ''
  // V8 writes the header (which may span lines) then `    at …` frames; other engines write
  // frames only (`fn@file:line`). Keep the frames in either case.
  const firstFrame = stack.search(/^\s+at /m)
  const frames = firstFrame !== -1 ? stack.slice(firstFrame) : stack.startsWith(header) ? '' : stack
  return frames ? [header, frames.replace(/\s+$/, '')] : [header]
}

function describeValue(value: unknown): string {
  let text: string
  if (typeof value === 'string') text = JSON.stringify(value)
  else if (value === null || typeof value !== 'object') text = safeString(value)
  else {
    try {
      text = JSON.stringify(value) ?? Object.prototype.toString.call(value)
    } catch {
      text = Object.prototype.toString.call(value)
    }
  }
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'symbol' ? value.toString() : String(value)
  } catch {
    return Object.prototype.toString.call(value)
  }
}

/** `instanceof Error`, false for a value that throws when asked (a revoked Proxy). */
function isError(value: unknown): value is Error {
  try {
    return value instanceof Error
  } catch {
    return false
  }
}
