import type { ServerResponse } from 'node:http'
import { errorHeaders, HTTPError, statusLine } from '@tsgi/core'

/**
 * Sends the response for an error caught before the headers went out (spec §6.2): the error,
 * normalised with `HTTPError.from`, gives its status, the headers of it that pass spec §4.2/§4.4
 * and a short text body (its message only if `expose`, else the reason phrase); an error without
 * a status is a bare 500 with nothing of the error on the wire.
 */
export function sendError(res: ServerResponse, error: unknown, closeConnection: boolean): void {
  // A status-carrying error (a 400 from a parser) keeps its status, as HTTPError.from says (spec §6.2.1, §8.2).
  const httpError = HTTPError.from(error)
  const status = httpError.status
  // Headers from a thrown error are not trusted: the ones that break §4.2/§4.4 are dropped.
  const headers = errorHeaders(httpError.headers)
  const text = httpError.expose ? httpError.message : statusLine(status).slice(4)
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
