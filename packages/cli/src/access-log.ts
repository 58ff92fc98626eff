import type { IncomingMessage, Server, ServerResponse } from 'node:http'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * Writes one line per finished response to `out`, in the Common Log Format that gunicorn,
 * Apache and rackup write: `127.0.0.1 - - [21/Nov/2026:16:37:19 +0000] "GET / HTTP/1.1" 200 12`.
 * The size is the response's Content-Length, or `-` when it was streamed without one.
 *
 * @example
 * accessLog(tsgiServer.server, (line) => process.stdout.write(line))
 */
export function accessLog(server: Server, out: (line: string) => void): void {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    res.once('finish', () => out(formatLine(req, res, new Date())))
  })
}

function formatLine(req: IncomingMessage, res: ServerResponse, date: Date): string {
  const size = res.getHeader('content-length')
  const line = `${req.method} ${req.url} HTTP/${req.httpVersion}`
  // Quotes and control characters in the request line are escaped, so a log line cannot be forged.
  const safe = line.replace(/["\\\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
  return `${req.socket.remoteAddress ?? '-'} - - [${clfDate(date)}] "${safe}" ${res.statusCode} ${size ?? '-'}\n`
}

function clfDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
}
