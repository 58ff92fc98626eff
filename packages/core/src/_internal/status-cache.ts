import { type ParsedStatus, parseStatus } from '../status-line.js'

// Apps use a handful of status lines; parsing each once keeps startResponse cheap. Bounded, so
// an app that builds endless distinct reasons cannot grow it.
const CACHE = new Map<string, ParsedStatus>()
const MAX_CACHED = 256

/**
 * `parseStatus` (which also keeps the reason within U+00FF, spec §4.1), remembered per line.
 * Throws a `TypeError` for a line that is not valid.
 */
export function parseStatusCached(status: string): ParsedStatus {
  const cached = CACHE.get(status)
  if (cached !== undefined) return cached
  const parsed = parseStatus(status)
  if (CACHE.size < MAX_CACHED) CACHE.set(status, parsed)
  return parsed
}
