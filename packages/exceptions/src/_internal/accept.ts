/** The media types an error page is rendered in. */
export type ErrorMediaType = 'application/json' | 'text/html' | 'text/plain'

// Server preference, used to break ties: plain text first, so `Accept: */*` (curl) and a missing
// header get the smallest, safest page.
const CANDIDATES: readonly ErrorMediaType[] = ['text/plain', 'application/json', 'text/html']

// A browser sends ~6 ranges; a longer list is read only this far, so parsing stays bounded
// whatever the header's length (the server already caps header size, spec §6.4).
const MAX_RANGES = 32

const Q_RE = /^\s*q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)\s*$/i

/**
 * Picks the error page's media type from an `Accept` header value (RFC 9110 §12.5.1): the
 * candidate with the highest q-value, then the most specific matching range, then the earliest
 * range in the header, then the server's order. A candidate whose best match has `q=0` is
 * refused; when every candidate is refused or the header is absent, plain text is used, since an
 * error must be rendered somehow (a 406 in place of a 500 would hide the fault).
 */
export function preferredType(accept: string | undefined): ErrorMediaType {
  if (accept === undefined || accept === '') return 'text/plain'
  const ranges = accept.split(',', MAX_RANGES)
  let best: ErrorMediaType = 'text/plain'
  let bestQ = 0
  let bestSpecificity = -1
  let bestPosition = Number.POSITIVE_INFINITY
  for (const candidate of CANDIDATES) {
    const slash = candidate.indexOf('/')
    const type = candidate.slice(0, slash)
    // The best range for this candidate: most specific wins, and its q is the candidate's q.
    let q = -1
    let specificity = -1
    let position = 0
    for (let index = 0; index < ranges.length; index++) {
      const range = ranges[index]!
      const semicolon = range.indexOf(';')
      const mediaRange = (semicolon === -1 ? range : range.slice(0, semicolon)).trim().toLowerCase()
      let rangeSpecificity: number
      if (mediaRange === candidate) rangeSpecificity = 2
      else if (mediaRange === `${type}/*`) rangeSpecificity = 1
      else if (mediaRange === '*/*') rangeSpecificity = 0
      else continue
      if (rangeSpecificity <= specificity) continue
      const rangeQ = semicolon === -1 ? 1 : qValue(range.slice(semicolon + 1))
      if (rangeQ === undefined) continue
      q = rangeQ
      specificity = rangeSpecificity
      position = index
    }
    if (q <= 0) continue
    if (
      q > bestQ ||
      (q === bestQ && (specificity > bestSpecificity || (specificity === bestSpecificity && position < bestPosition)))
    ) {
      best = candidate
      bestQ = q
      bestSpecificity = specificity
      bestPosition = position
    }
  }
  return best
}

/** The `q` parameter among a range's parameters: 1 when absent, `undefined` when malformed. */
function qValue(parameters: string): number | undefined {
  for (const parameter of parameters.split(';')) {
    if (!/^\s*q\s*=/i.test(parameter)) continue
    const match = Q_RE.exec(parameter)
    return match ? Number(match[1]) : undefined
  }
  return 1
}
