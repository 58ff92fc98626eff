import { type ParsedStatus, parseStatus } from '@tsgi/core'

// Apps use a handful of status lines; parsing each once keeps startResponse cheap. Bounded, so
// an app that builds endless distinct reasons cannot grow it.
const CACHE = new Map<string, ParsedStatus>()
const MAX_CACHED = 256
const LATIN1 = /^[\x20-\x7e\x80-\xff]*$/

/**
 * `parseStatus` from core, remembered per line, plus the rule that the reason stays within
 * U+00FF (DESIGN.md "Strings"). Throws a `TypeError` for a line that is not valid (spec §4.1).
 */
export function parseStatusCached(status: string): ParsedStatus {
  const cached = CACHE.get(status)
  if (cached !== undefined) return cached
  const parsed = parseStatus(status)
  if (!LATIN1.test(parsed.reason)) {
    throw new TypeError(
      `startResponse(): the reason phrase must stay within U+00FF (spec §4.1), got ${JSON.stringify(status)}`,
    )
  }
  if (CACHE.size < MAX_CACHED) CACHE.set(status, parsed)
  return parsed
}
