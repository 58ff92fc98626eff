import type { Duplex } from 'node:stream'

const RESPONSES = new Map<number, string>()
for (const [status, reason] of [
  [400, 'Bad Request'],
  [408, 'Request Timeout'],
  [413, 'Content Too Large'],
  [431, 'Request Header Fields Too Large'],
] as const) {
  const body = `${reason}\n`
  RESPONSES.set(
    status,
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  )
}

/**
 * The server's `clientError` listener: a request node's parser refused (malformed, smuggling
 * attempts such as Content-Length with Transfer-Encoding, bare CR, headers too large, too slow)
 * gets a 400, 431 or 408 and the connection is closed; the app never sees it (spec §6.4).
 */
export function onClientError(error: Error & { code?: string }, socket: Duplex): void {
  const code = error.code
  if (code === 'ECONNRESET' || code === 'EPIPE' || !socket.writable) {
    socket.destroy()
    return
  }
  const current = (socket as Outgoing)._httpMessage
  if (current?.req?.complete === true) {
    // The error is in a request pipelined after one still being answered: responses go out in
    // request order (RFC 9112 §9.3.2), so that one is answered first, then the error, then close.
    afterResponses(socket as Outgoing, () => refuse(code, socket))
    return
  }
  // The request being answered is itself at fault (its body, a timeout): nothing can follow a
  // response already under way.
  if (current?.headersSent === true) {
    socket.destroy()
    return
  }
  refuse(code, socket)
}

interface Response extends NodeJS.EventEmitter {
  readonly req?: { readonly complete: boolean }
  readonly headersSent: boolean
}
type Outgoing = Duplex & { _httpMessage?: Response | null }

/** Calls `then` once no response is being written on the socket (node assigns the next queued one on 'finish'). */
function afterResponses(socket: Outgoing, then: () => void): void {
  const current = socket._httpMessage
  if (current === undefined || current === null) {
    then()
    return
  }
  current.once('finish', () => afterResponses(socket, then))
}

function refuse(code: string | undefined, socket: Duplex): void {
  // The last response may have closed the connection (Connection: close): nothing more to say.
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const status =
    code === 'HPE_HEADER_OVERFLOW'
      ? 431
      : code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_HEADERS_TIMEOUT'
        ? 408
        : code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW'
          ? 413
          : 400
  socket.end(RESPONSES.get(status))
  // end() flushes, then the socket is destroyed rather than left half-open.
  socket.once('finish', () => socket.destroy())
  setTimeout(() => socket.destroy(), 1000).unref()
}
