import { isHTTPError, negotiate } from '@tsgi/core'

/** The media types an error page is rendered in. */
export type ErrorMediaType = 'application/json' | 'text/html' | 'text/plain'

// Server preference, used to break ties the header leaves open: plain text first, so `Accept: */*`
// (curl) and a missing header get the smallest, safest page.
const CANDIDATES: readonly ErrorMediaType[] = ['text/plain', 'application/json', 'text/html']

/**
 * Picks the error page's media type from an `Accept` header value with core's `negotiate()`
 * (RFC 9110 §12.5.1: q-value, then specificity, then the range's place in the header). When every
 * candidate is refused, or the header lists more entries than `negotiate()` reads, plain text is
 * used: an error must be rendered somehow, and a 406 or 431 in place of the error would hide the
 * fault.
 */
export function preferredType(accept: string | undefined): ErrorMediaType {
  try {
    return negotiate('accept', accept, CANDIDATES) ?? 'text/plain'
  } catch (error) {
    if (isHTTPError(error)) return 'text/plain'
    throw error
  }
}
