import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { AbortState, Environ, ErrorStream } from '@tsgi/core'
import { BadRequest, emptyInput, environKey } from '@tsgi/core'

const VERSION: readonly [1, 0] = Object.freeze([1, 0] as const)

/** What the environ takes from the connection; the same for every request on it. */
interface Connection {
  serverName: string
  serverPort: string
  remoteAddr: string
  remotePort: string
  scheme: 'http' | 'https'
}

// Kept on the socket, so keep-alive requests skip five getters and their string building.
const CONNECTION = Symbol('tsgi.connection')

function connectionOf(socket: Socket & { [CONNECTION]?: Connection }): Connection {
  let known = socket[CONNECTION]
  if (known === undefined) {
    // The server's own address, not the client's Host field (spec §2.2.7); an IPv6 one in brackets, as in a URL.
    const local = socket.localAddress ?? 'localhost'
    known = {
      serverName: local.includes(':') ? `[${local}]` : local,
      serverPort: socket.localPort === undefined ? '' : `${socket.localPort}`,
      remoteAddr: socket.remoteAddress ?? '',
      remotePort: socket.remotePort === undefined ? '' : `${socket.remotePort}`,
      scheme: (socket as { encrypted?: boolean }).encrypted === true ? 'https' : 'http',
    }
    // Only once connected: before that the addresses are not known yet and must be read again.
    if (socket.remoteAddress !== undefined) socket[CONNECTION] = known
  }
  return known
}

/**
 * Builds the environ of one request (spec §2): one object literal, keys in a fixed order, own
 * data properties only, then the `HTTP_*` keys from the raw headers. `tsgi.input` starts as the
 * shared empty input; the handler swaps in a streaming one (same key, same shape) when there is a body.
 *
 * @throws {BadRequest} for a request with more than one `Host` field.
 */
export function buildEnviron(
  req: IncomingMessage,
  pathInfo: string,
  query: string,
  errors: ErrorStream,
  abort: AbortState,
  multiprocess: boolean,
): Environ {
  const url = req.url as string
  const where = connectionOf(req.socket)
  const environ: Environ = {
    REQUEST_METHOD: req.method as string,
    SCRIPT_NAME: '',
    PATH_INFO: pathInfo,
    QUERY_STRING: query,
    CONTENT_TYPE: '',
    CONTENT_LENGTH: '',
    SERVER_NAME: where.serverName,
    SERVER_PORT: where.serverPort,
    SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
    REMOTE_ADDR: where.remoteAddr,
    REMOTE_PORT: where.remotePort,
    REQUEST_URI: url,
    'tsgi.version': VERSION,
    'tsgi.url_scheme': where.scheme,
    'tsgi.input': emptyInput,
    'tsgi.errors': errors,
    'tsgi.abort': abort,
    'tsgi.multiprocess': multiprocess,
    'tsgi.run_once': false,
    // Set by serve() before the app runs (spec §6.5.4); in the literal, so the shape stays fixed.
    'tsgi.shutdown': undefined,
  }
  const raw = req.rawHeaders
  const target = environ as unknown as Record<string, string | undefined>
  for (let index = 0; index < raw.length; index += 2) {
    const key = environKey(raw[index] as string)
    if (key === null) continue
    const value = raw[index + 1] as string
    const previous = target[key]
    // Two Host fields could name two origins; RFC 9112 §3.2 says 400 (node keeps the first silently).
    if (previous !== undefined && key === 'HTTP_HOST') throw new BadRequest('More than one Host field')
    // One Content-Type (or Content-Length) is used, never a join (spec §2.2.5); node keeps the first too.
    if (previous !== '' && previous !== undefined && (key === 'CONTENT_TYPE' || key === 'CONTENT_LENGTH')) continue
    // Repeated fields are joined as RFC 9110 §5.3 allows; Cookie uses '; ' (RFC 6265 §5.4).
    target[key] =
      previous === undefined || previous === '' ? value : `${previous}${key === 'HTTP_COOKIE' ? '; ' : ', '}${value}`
  }
  return environ
}
