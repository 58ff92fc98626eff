import { errorHeaders } from './check-header-list.js'
import { HTTPError } from './http-error.js'
import { statusLine } from './status-line.js'
import type { HeaderList } from './types.js'

/** The parts of an error response, ready for a server to write. */
export interface ErrorResponse {
  /** A status from 400 to 599. */
  readonly status: number
  /** Its reason phrase, as `statusLine(status)` gives it. */
  readonly reason: string
  /** The error's own headers that pass spec §4.2/§4.4, then `content-type` and `content-length`. */
  readonly headers: HeaderList
  /** The text body, UTF-8: the message if exposed, else the reason phrase, and a newline. */
  readonly body: Uint8Array
}

const encoder = new TextEncoder()
let bare500: ErrorResponse | undefined

/**
 * What a server sends for an error before the headers went out (spec §6.2.1), built the one way
 * every adapter and the response driver use: the thrown value normalised with `HTTPError.from`
 * (so it is always a 4xx or 5xx, never a success), the error's headers that pass spec §4.2 and
 * §4.4, `content-type: text/plain; charset=utf-8`, a `content-length`, and as the body the
 * message if `expose`, else the reason phrase. Never a stack, never the cause (§8.3). It never
 * throws: a value that cannot be read safely is a bare 500.
 *
 * @example
 * const { status, reason, headers, body } = errorResponse(new NotFound())
 * res.writeHead(status, reason, headers).end(body) // 404 Not Found, "Not Found\n"
 */
export function errorResponse(thrown: unknown): ErrorResponse {
  try {
    const error = HTTPError.from(thrown)
    const status = error.status
    const reason = statusLine(status).slice(4)
    const message = error.expose ? error.message : reason
    return build(status, reason, errorHeaders(error.headers), typeof message === 'string' ? message : reason)
  } catch {
    // A getter on a branded value threw after HTTPError.from read it once: trust nothing of it.
    bare500 ??= build(500, 'Internal Server Error', [], 'Internal Server Error')
    return bare500
  }
}

function build(status: number, reason: string, headers: HeaderList, text: string): ErrorResponse {
  const body = encoder.encode(`${text}\n`)
  return {
    status,
    reason,
    headers: [...headers, ['content-type', 'text/plain; charset=utf-8'], ['content-length', `${body.length}`]],
    body,
  }
}
