import { type ParsedStatus, parseStatus } from '@tsgi/core'

// Apps use a handful of status lines; parsing each once keeps startResponse cheap. Bounded, so
// an app that builds endless distinct reasons cannot grow it.
const CACHE = new Map<string, ParsedStatus>()
const MAX_CACHED = 256

/**
 * `parseStatus` from core (which also keeps the reason within U+00FF, DESIGN.md "Strings"),
 * remembered per line. Throws a `TypeError` for a line that is not valid (spec §4.1).
 */
export function parseStatusCached(status: string): ParsedStatus {
  const cached = CACHE.get(status)
  if (cached !== undefined) return cached
  const parsed = parseStatus(status)
  if (CACHE.size < MAX_CACHED) CACHE.set(status, parsed)
  return parsed
}
