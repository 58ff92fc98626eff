import type { Environ } from '@tsgi/core'

/** What a response's current representation is known by: its ETag and Last-Modified. */
export interface Validators {
  /** The entity tag as sent in `ETag` (`"…"` or `W/"…"`), if the response has one. */
  etag: string | undefined
  /** Last-Modified in milliseconds, whole seconds (the precision of an HTTP date). */
  lastModified: number | undefined
}

/**
 * Evaluates the preconditions of a GET or HEAD request in the order of RFC 9110 §13.2.2, for a
 * response that would otherwise be 2xx (§13.2.1: preconditions are ignored for other statuses).
 * Returns 412 or 304 when one of them decides the response, 0 when the request proceeds.
 * `serveStatic` and `conditional` both answer with it, so the two never disagree.
 */
export function evaluatePreconditions(environ: Environ, validators: Validators): 0 | 304 | 412 {
  const ifMatch = environ.HTTP_IF_MATCH
  if (ifMatch !== undefined) {
    // Step 1: If-Match uses the strong comparison (§13.1.1); `*` matches any current representation.
    if (!matchesList(ifMatch, validators.etag, true)) return 412
  } else {
    // Step 2: If-Unmodified-Since only when there is no If-Match, and only with a valid date (§13.1.4).
    const since = parseDate(environ.HTTP_IF_UNMODIFIED_SINCE)
    if (since !== undefined && validators.lastModified !== undefined && validators.lastModified > since) return 412
  }
  const ifNoneMatch = environ.HTTP_IF_NONE_MATCH
  if (ifNoneMatch !== undefined) {
    // Step 3: If-None-Match uses the weak comparison (§13.1.2); for GET and HEAD a match is a 304.
    return matchesList(ifNoneMatch, validators.etag, false) ? 304 : 0
  }
  // Step 4: If-Modified-Since only without If-None-Match (§13.1.3).
  const since = parseDate(environ.HTTP_IF_MODIFIED_SINCE)
  if (since !== undefined && validators.lastModified !== undefined && validators.lastModified <= since) return 304
  return 0
}

/**
 * Whether an `If-Range` value lets a Range be served (RFC 9110 §13.1.5): an entity tag must match
 * the current one by the strong comparison (a weak tag never does); a date must equal
 * Last-Modified exactly.
 */
export function ifRangeHolds(value: string, validators: Validators): boolean {
  const trimmed = value.trim()
  if (trimmed.startsWith('"') || trimmed.startsWith('W/')) {
    return validators.etag !== undefined && strongTag(trimmed) !== undefined && trimmed === validators.etag
  }
  const date = parseDate(trimmed)
  return date !== undefined && date === validators.lastModified
}

/** An HTTP date (IMF-fixdate or the two obsolete forms, §5.6.7) in ms, or undefined if invalid. */
export function parseDate(value: string | undefined): number | undefined {
  if (value === undefined || value.length > 64) return undefined
  const time = Date.parse(value)
  return Number.isNaN(time) ? undefined : time
}

/** `W/"x"` → undefined, `"x"` → `"x"`; anything that is not a single entity tag → undefined. */
function strongTag(value: string): string | undefined {
  return ENTITY_TAG.test(value) && !value.startsWith('W/') ? value : undefined
}

/**
 * Whether the list (`*` or comma-separated entity tags, §8.8.3) holds `etag`. One pass over the
 * header (linear time); the tags may contain commas inside their quotes, so they are scanned, not split.
 */
function matchesList(list: string, etag: string | undefined, strong: boolean): boolean {
  // `*` matches any current representation; preconditions are evaluated only for one that exists.
  if (list.trim() === '*') return true
  if (etag === undefined) return false
  const wanted = opaque(etag)
  const wantedWeak = etag.startsWith('W/')
  if (strong && wantedWeak) return false
  let index = 0
  while (index < list.length) {
    const code = list.charCodeAt(index)
    if (code === 0x20 || code === 0x09 || code === 0x2c) {
      index++
      continue
    }
    const weak = list.startsWith('W/', index)
    const open = weak ? index + 2 : index
    if (list.charCodeAt(open) !== 0x22) return false // not an entity tag: the list is invalid
    const close = list.indexOf('"', open + 1)
    if (close === -1) return false
    if (!(strong && weak) && list.slice(open, close + 1) === wanted) return true
    index = close + 1
  }
  return false
}

function opaque(etag: string): string {
  return etag.startsWith('W/') ? etag.slice(2) : etag
}

// RFC 9110 §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text.
const ENTITY_TAG = /^(?:W\/)?"[\x21\x23-\x7e\x80-\xff]*"$/
