import type { Environ } from './types.js'

/**
 * Writes an error to `environ['tsgi.errors']` in the one format every server, the test client
 * and `@tsgi/exceptions` use (spec §3.3.5, §6.2.1), so an operator greps one shape:
 * `[tsgi] METHOD /path?query: <stack>` and, when it has one, `Caused by: <stack of the cause>`.
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
    const cause = causeOf(error)
    if (cause !== undefined) detail += `\nCaused by: ${describeError(cause)}`
    environ['tsgi.errors'].write(`[tsgi] ${target(environ)}: ${detail}\n`)
  } catch {
    // A broken log stream must not take the response down with it.
  }
}

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
    if (typeof error === 'object' && error !== null) return `thrown value (not an Error): ${safeJson(error)}`
    return `thrown value (not an Error): ${String(error)}`
  } catch {
    return 'thrown value (not an Error) that cannot be read'
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
    return (error as { cause?: unknown } | null)?.cause
  } catch {
    return undefined
  }
}
