import { type App, describeValue, type ErrorStream } from '@tsgi/core'
import { toFetchHandler } from '@tsgi/fetch'
import type { EventRequest } from './request-from-event.js'

type FetchHandler = (request: Request, remote: EventRequest['remote']) => Promise<Response>

/** The few SCRIPT_NAMEs one function sees (its stages, its base paths), each with its adapter. */
const MAX_SCRIPT_NAMES = 16

/**
 * Serves a parsed event with the fetch adapter for its `SCRIPT_NAME`: one adapter per name, built
 * once and kept (a function serves a handful of stages); the client's address comes from the event.
 */
export function handlerFor(
  app: App,
  options: { caller: string; maxBodySize: number; errors: ErrorStream; basePath?: string | undefined },
): (parsed: EventRequest) => Promise<Response> {
  if (typeof app !== 'function')
    throw new TypeError(`${options.caller}: app must be a function, got ${describeValue(app)}`)
  const build = (scriptName: string): FetchHandler =>
    toFetchHandler(app, {
      scriptName,
      maxBodySize: options.maxBodySize,
      errors: options.errors,
      remoteAddress: (_request, remote) => remote as EventRequest['remote'],
    })
  // Built now, so a bad option or basePath is an error when the handler is made, not on a request.
  const byScriptName = new Map<string, FetchHandler>([[options.basePath ?? '', build(options.basePath ?? '')]])
  return function serveEvent(parsed) {
    let handler = byScriptName.get(parsed.scriptName)
    if (handler === undefined) {
      handler = build(parsed.scriptName)
      if (byScriptName.size < MAX_SCRIPT_NAMES) byScriptName.set(parsed.scriptName, handler)
    }
    return handler(parsed.request, parsed.remote)
  }
}
