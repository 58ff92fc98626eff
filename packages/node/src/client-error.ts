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
  // Nothing can be written to a connection that is gone or mid-response.
  const busy = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true
  if (code === 'ECONNRESET' || code === 'EPIPE' || !socket.writable || busy) {
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
