/**
 * The blog post's first client: an app that answers with the environ it was handed, one
 * `>> key: value` line per entry. In Python it was
 *
 *     def application(env, start_response):
 *         start_response('200 OK', [('Content-Type','text/plain')])
 *         return [(">> %s: %s\n" % r).encode() for r in env.items()]
 */
import type { App } from '@tsgi/core'

const encoder = new TextEncoder()

/**
 * Answers `200 text/plain` with one line per environ entry, in the environ's own key order (the
 * server's fixed order: CGI keys, `tsgi.*` keys, then `HTTP_*` headers, spec §2.1).
 *
 * The body is a list of chunks, as in the blog post: one `Uint8Array` per line. A string would be
 * a `TypeError` (spec §5.1), which is why each line is encoded, as the Python `.encode()` did.
 *
 * @example
 * // GET /hi?x=1 with lint off
 * // >> REQUEST_METHOD: GET
 * // >> SCRIPT_NAME:
 * // >> PATH_INFO: /hi
 * // ...
 */
export const application: App = (environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'text/plain; charset=utf-8']])
  return Object.entries(environ).map(([key, value]) => encoder.encode(`>> ${key}: ${show(value)}\n`))
}

/**
 * Python's `%s` prints any object; JavaScript's `String()` would print `[object Object]` for the
 * `tsgi.*` objects, so they are described instead. Header values are Latin-1 code units (spec §2.3)
 * and are shown as they are.
 */
function show(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return String(value)
  // tsgi.version, and tsgi.routing_args under a router (its named parameters are a plain map).
  if (Array.isArray(value)) {
    return `[${value.map((item) => (typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item))).join(', ')}]`
  }
  if (value === undefined || value === null) return String(value)
  if (typeof value === 'object' && 'aborted' in value) return `{ aborted: ${String(value.aborted)} }`
  const name = (value as object).constructor?.name
  return name && name !== 'Object' ? `<${name}>` : '<object>'
}
