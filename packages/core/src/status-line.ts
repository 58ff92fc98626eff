import { describe } from './_internal/describe.js'

/**
 * Reason phrases for the status codes of RFC 9110 §15 (plus 429 and 431 from RFC 6585), so a
 * status line can be built from a number without depending on `node:http`.
 */
const REASONS: Readonly<Record<number, string>> = {
  100: 'Continue',
  101: 'Switching Protocols',
  103: 'Early Hints',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non-Authoritative Information',
  204: 'No Content',
  205: 'Reset Content',
  206: 'Partial Content',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  418: "I'm a Teapot",
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
}

/** The generic reason phrase for each status class, for codes without their own. */
const CLASS_REASONS = ['', 'Informational', 'Success', 'Redirection', 'Client Error', 'Server Error'] as const

/** Status lines already built, so a hot path asking for `statusLine(200)` allocates nothing. */
const LINES = new Map<number, string>()

/**
 * Builds a status line from a code: `statusLine(404)` → `'404 Not Found'` (spec §4.1). A code
 * without a registered reason gets its class's phrase (`'299 Success'`).
 *
 * @throws {TypeError} if `code` is not a number.
 * @throws {RangeError} if `code` is not an integer from 100 to 599.
 * @example
 * startResponse(statusLine(201), [['location', '/users/1']])
 */
export function statusLine(code: number): string {
  const cached = LINES.get(code)
  if (cached !== undefined) return cached
  if (typeof code !== 'number') {
    throw new TypeError(`statusLine(): code must be a number, got ${describe(code)}`)
  }
  if (!Number.isInteger(code) || code < 100 || code > 599) {
    throw new RangeError(`statusLine(): code must be an integer from 100 to 599, got ${describe(code)}`)
  }
  const line = `${code} ${REASONS[code] ?? CLASS_REASONS[Math.floor(code / 100)]}`
  LINES.set(code, line)
  return line
}

/** A status line split into its parts. */
export interface ParsedStatus {
  /** The three-digit code, 100–599. */
  code: number
  /** The reason phrase after the single space; never empty (spec §4.1.1). */
  reason: string
}

// The reason is Latin-1 without control characters: strings sent on the wire are <= U+00FF (spec §4.1).
const STATUS_RE = /^([1-5]\d\d) ([\x20-\x7e\x80-\xff]+)$/

/**
 * Splits a status line: `parseStatus('404 Not Found')` → `{ code: 404, reason: 'Not Found' }`
 * (spec §4.1: three digits, one space, a non-empty reason of Latin-1 characters without control
 * characters).
 *
 * @throws {TypeError} if `line` is not a string of that form.
 * @example
 * const { code } = parseStatus('204 No Content') // 204
 */
export function parseStatus(line: string): ParsedStatus {
  const match = typeof line === 'string' ? STATUS_RE.exec(line) : null
  if (match === null) {
    throw new TypeError(`parseStatus(): line must be a status line like '200 OK' (spec §4.1), got ${describe(line)}`)
  }
  return { code: Number(match[1]), reason: match[2] ?? '' }
}
