import type { ServerResponse } from 'node:http'
import { errorResponse } from '@tsgi/core'

/**
 * Answers a request the handler refuses before calling the app (spec §6.2.4) with core's
 * `errorResponse`, the same rendering the response driver uses; `closeConnection` when the
 * request body was not read, so the connection cannot be reused.
 */
export function sendError(res: ServerResponse, error: unknown, closeConnection: boolean): void {
  const { status, reason, headers, body } = errorResponse(error)
  if (closeConnection) res.shouldKeepAlive = false
  res.writeHead(status, reason, headers as [string, string][])
  res.end(body)
}
