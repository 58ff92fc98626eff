import type { IncomingMessage, Server, ServerResponse } from 'node:http'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * Writes one line per finished response to `out`, in the Common Log Format that gunicorn,
 * Apache and rackup write: `127.0.0.1 - - [21/Nov/2026:16:37:19 +0000] "GET / HTTP/1.1" 200 12`.
 * The size is the number of body bytes written (`-` for none).
 *
 * @example
 * accessLog(tsgiServer.server, (line) => process.stdout.write(line))
 */
export function accessLog(server: Server, out: (line: string) => void): void {
  // First in line: the adapter answers a sync app within its own listener, so counting must be in place before.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    // Headers given to writeHead() are not readable back, so the body bytes are counted as written.
    let size = 0
    const write = res.write
    const end = res.end
    const count = (chunk: unknown): void => {
      if (typeof chunk === 'string') size += Buffer.byteLength(chunk)
      else if (chunk instanceof Uint8Array) size += chunk.length
    }
    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      count(chunk)
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest)
    } as typeof res.write
    res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      if (typeof chunk !== 'function') count(chunk)
      return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest)
    } as typeof res.end
    res.once('finish', () => out(formatLine(req, res, size, new Date())))
  })
}

function formatLine(req: IncomingMessage, res: ServerResponse, bytes: number, date: Date): string {
  const size = bytes > 0 ? bytes : '-'
  const line = `${req.method} ${req.url} HTTP/${req.httpVersion}`
  // Quotes and control characters in the request line are escaped, so a log line cannot be forged.
  const safe = line.replace(/["\\\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
  return `${req.socket.remoteAddress ?? '-'} - - [${clfDate(date)}] "${safe}" ${res.statusCode} ${size}\n`
}

function clfDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
}
