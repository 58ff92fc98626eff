// Raw header name → environ key, or null for a name that is dropped (spec §2.3). Bounded, so a
// client sending endless distinct names cannot grow it; past the bound names are mapped uncached.
const KEYS = new Map<string, string | null>()
const MAX_CACHED = 1000

/**
 * The environ key of a request header name (spec §2.2.5, §2.3), the one mapping every server and
 * the test client use: `Content-Type` and `Content-Length` become `CONTENT_TYPE` and
 * `CONTENT_LENGTH`, any other name `HTTP_` plus its upper-case form with `-` as `_`, and a name
 * with an underscore `null` (dropped, so `X_Forwarded` cannot pose as `X-Forwarded`). Remembered
 * per name, for at most 1000 names.
 *
 * @example
 * environKey('X-Request-Id') // 'HTTP_X_REQUEST_ID'
 * environKey('x_forwarded') // null
 */
export function environKey(name: string): string | null {
  let key = KEYS.get(name)
  if (key !== undefined) return key
  const lower = name.toLowerCase()
  if (lower === 'content-type') key = 'CONTENT_TYPE'
  else if (lower === 'content-length') key = 'CONTENT_LENGTH'
  else if (lower.includes('_')) key = null
  else key = `HTTP_${lower.toUpperCase().replaceAll('-', '_')}`
  if (KEYS.size < MAX_CACHED) KEYS.set(name, key)
  return key
}
