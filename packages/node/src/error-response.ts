import type { ServerResponse } from 'node:http'
import { checkHeaderList, type HeaderList, isHTTPError, statusLine } from '@tsgi/core'

const OWN = new Set(['content-type', 'content-length'])

/**
 * Sends the response for an error caught before the headers went out (spec §6.2): an `HTTPError`
 * gets its status and headers and a short text body (its message only if `expose`); anything
 * else is a bare 500 with nothing of the error on the wire.
 */
export function sendError(res: ServerResponse, error: unknown, closeConnection: boolean): void {
  let status = 500
  let headers: HeaderList = []
  let text = 'Internal Server Error'
  if (isHTTPError(error)) {
    try {
      checkHeaderList(error.headers)
      headers = error.headers.filter(([name]) => !OWN.has(name.toLowerCase()))
      status = error.status
      text = error.expose ? error.message : statusLine(status).slice(4)
    } catch {
      // An HTTPError with unusable headers is a server fault: fall back to the bare 500.
    }
  }
  const body = Buffer.from(`${text}\n`, 'utf8')
  if (closeConnection) res.shouldKeepAlive = false
  const out = [...headers, ['content-type', 'text/plain; charset=utf-8'], ['content-length', `${body.length}`]]
  res.writeHead(status, out as [string, string][] as unknown as string[])
  res.end(body)
}

/** Writes an error and its stack to `tsgi.errors`, with the request it belongs to. */
export function logError(errors: { write(text: string): void }, method: string, url: string, error: unknown): void {
  try {
    let detail = describeError(error)
    const cause = (error as { cause?: unknown } | null)?.cause
    if (cause !== undefined) detail += `\nCaused by: ${describeError(cause)}`
    errors.write(`[tsgi] ${method} ${url}: ${detail}\n`)
  } catch {
    // A broken log stream must not take the response down with it.
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error)
}
