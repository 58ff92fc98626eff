import type { Environ } from './types.js'

/**
 * Writes an error to `environ['tsgi.errors']` in the one format every server, the test client
 * and `@tsgi/exceptions` use (spec §3.3.5, §6.2.1), so an operator greps one shape:
 * `[tsgi] METHOD /path?query: <stack>`, then `Caused by: <stack>` for each link of its `cause` chain.
 * It never throws: a value whose properties throw when read (a getter, a revoked Proxy) is
 * described as such, and a broken error stream is ignored, so logging cannot take a response down.
 *
 * @example
 * logError(environ, new Error('the database went away'))
 * // [tsgi] GET /users/1: Error: the database went away\n    at …
 */
export function logError(environ: Environ, error: unknown): void {
  try {
    let detail = describeError(error)
    const seen = new Set<unknown>([error])
    let cause = causeOf(error)
    // The cause chain, after Python's "The above exception was the direct cause"; a cycle or a
    // very long chain stops it.
    for (let depth = 0; cause !== undefined && depth < MAX_CAUSES; depth++) {
      if (seen.has(cause)) {
        detail += '\nCaused by: (cycle)'
        break
      }
      seen.add(cause)
      detail += `\nCaused by: ${describeError(cause)}`
      cause = causeOf(cause)
    }
    environ['tsgi.errors'].write(`[tsgi] ${target(environ)}: ${detail}\n`)
  } catch {
    // A broken log stream must not take the response down with it.
  }
}

// A cause chain is followed this far.
const MAX_CAUSES = 16

function target(environ: Environ): string {
  const method = environ.REQUEST_METHOD
  const uri = environ.REQUEST_URI
  if (typeof uri === 'string') return `${method} ${uri}`
  const query = environ.QUERY_STRING
  return `${method} ${environ.SCRIPT_NAME}${environ.PATH_INFO}${query ? `?${query}` : ''}`
}

function describeError(error: unknown): string {
  try {
    if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`
    // Not an Error: described, never coerced with a toString() it may not have.
    if (typeof error === 'string') return `Thrown value: ${JSON.stringify(error)}`
    if (typeof error === 'object' && error !== null) return `Thrown value: ${safeJson(error)}`
    return `Thrown value: ${String(error)}`
  } catch {
    return 'Thrown value that cannot be read'
  }
}

function safeJson(value: object): string {
  try {
    const json = JSON.stringify(value) ?? Object.prototype.toString.call(value)
    return json.length > 200 ? `${json.slice(0, 197)}...` : json
  } catch {
    return Object.prototype.toString.call(value)
  }
}

function causeOf(error: unknown): unknown {
  try {
    if (error === null || typeof error !== 'object') return undefined
    return (error as { cause?: unknown }).cause
  } catch {
    return undefined
  }
}
