import type { AccessLogEntry } from './access-log-entry.js'

/** The formats {@link accessLog} writes without a custom function. */
export type AccessLogFormat = 'common' | 'combined' | 'json'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * Formats one entry as a line, newline included: the Common Log Format (Apache's, which gunicorn
 * and rackup write), the Combined Log Format (Common plus the referer and user agent), or one JSON
 * object per line. An aborted response gets a trailing `aborted` field in the text formats, which
 * log parsers ignore as an extra field.
 *
 * @example
 * formatEntry(entry, 'common') // '127.0.0.1 - - [21/Nov/2026:16:37:19 +0000] "GET / HTTP/1.1" 200 12\n'
 */
export function formatEntry(entry: AccessLogEntry, format: AccessLogFormat): string {
  if (format === 'json') return `${JSON.stringify(toJson(entry))}\n`
  const size = entry.bytes > 0 ? String(entry.bytes) : '-'
  const request = quoted(`${entry.method} ${entry.target} ${entry.protocol}`)
  let line = `${field(entry.remoteAddr)} - - [${clfDate(entry.time)}] ${request} ${entry.status} ${size}`
  if (format === 'combined') line += ` ${quoted(entry.referer ?? '-')} ${quoted(entry.userAgent ?? '-')}`
  return entry.aborted ? `${line} aborted\n` : `${line}\n`
}

function toJson(entry: AccessLogEntry): Record<string, unknown> {
  return {
    time: entry.time.toISOString(),
    remote_addr: entry.remoteAddr ?? null,
    method: entry.method,
    target: entry.target,
    protocol: entry.protocol,
    status: entry.status,
    bytes: entry.bytes,
    duration_ms: Math.round(entry.duration * 1000) / 1000,
    aborted: entry.aborted,
    referer: entry.referer ?? null,
    user_agent: entry.userAgent ?? null,
  }
}

// Quotes, backslashes and control characters are escaped (as Apache's mod_log_config does), so a
// request line or header cannot break out of its field or start a forged line.
const UNSAFE = /["\\\x00-\x1f\x7f]/g
const escapeChar = (char: string): string => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`

function quoted(text: string): string {
  return `"${text.replace(UNSAFE, escapeChar)}"`
}

function field(text: string | undefined): string {
  // An unquoted field must not hold a space either, or it shifts every field after it.
  return text ? text.replace(UNSAFE, escapeChar).replaceAll(' ', '\\x20') : '-'
}

function clfDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  const day = `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}`
  return `${day}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
}
