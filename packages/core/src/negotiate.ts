import { describe } from './_internal/describe.js'
import { RequestHeaderFieldsTooLarge } from './errors.js'

/** The request header fields {@link negotiate} reads (RFC 9110 §12.5). */
export type NegotiatedField = 'accept' | 'accept-encoding' | 'accept-language'

/** Options of {@link negotiate}. */
export interface NegotiateOptions {
  /**
   * How many list entries a header may hold. A longer header is refused with a
   * `RequestHeaderFieldsTooLarge` (431) rather than read in part, so the work per request stays
   * bounded and nothing is silently dropped. Browsers send fewer than 20.
   * @default 64
   */
  maxEntries?: number
  /**
   * How offers that are equally acceptable (same q-value, equally specific range) are ordered:
   * `'header'` takes the one whose range comes first in the header, `'offers'` the first in
   * `offers`.
   * @default 'offers' for accept-encoding (the server knows what its codings cost), 'header' otherwise
   */
  ties?: 'header' | 'offers'
}

/** The default of {@link NegotiateOptions.maxEntries}. */
export const DEFAULT_MAX_ENTRIES = 64

const FIELDS: ReadonlySet<string> = new Set(['accept', 'accept-encoding', 'accept-language'])

// Below every q-value a header can state (three decimals at most, RFC 9110 §12.4.2): the weight of
// `identity` when the header does not mention it (RFC 9110 §12.5.3).
const IMPLICIT_IDENTITY = 0.0001

/** One parsed list entry: its range (lower case), its other parameters, its weight. */
interface Entry {
  range: string
  params: string[][]
  q: number
}

/**
 * Picks the offer a request prefers by its `Accept`, `Accept-Encoding` or `Accept-Language` header
 * (RFC 9110 §12.5): each offer takes the q-value of its most specific matching range; `q=0`
 * refuses it; the highest q wins, then the more specific range, then {@link NegotiateOptions.ties}.
 *
 * - `accept`: `type/subtype`, `type/*` and `*\/*`, and media-type parameters that must all match the
 *   offer's (`text/html;level=1`), which makes a range more specific (§12.5.1).
 * - `accept-encoding`: codings compared case-insensitively, `*` for any other coding; `identity` is
 *   acceptable, with the lowest weight, unless `identity;q=0` or `*;q=0` refuses it, and an empty
 *   header accepts only `identity` (§12.5.3).
 * - `accept-language`: basic filtering (RFC 4647 §3.3.1): `en` matches `en-GB`; `*` any (§12.5.4).
 *
 * An absent header (`undefined`) accepts every offer equally, so the first offer is returned. Entries
 * with a malformed q-value are ignored. Time is linear in the header's length times the offers.
 *
 * @returns the chosen offer, spelled as in `offers`, or `undefined` when none is acceptable.
 * @throws {TypeError} if `field` is not one of the three, or `offers` is not an array of strings.
 * @throws {RangeError} if `maxEntries` is not a positive integer.
 * @throws {RequestHeaderFieldsTooLarge} if the header has more than `maxEntries` entries.
 * @example
 * negotiate('accept-encoding', environ.HTTP_ACCEPT_ENCODING, ['br', 'gzip', 'identity']) // 'br' for "gzip, br"
 */
export function negotiate<const T extends string>(
  field: NegotiatedField,
  header: string | undefined,
  offers: readonly T[],
  options: NegotiateOptions = {},
): T | undefined {
  if (!FIELDS.has(field))
    throw new TypeError(`negotiate(): field must be accept, accept-encoding or accept-language, got ${describe(field)}`)
  if (!Array.isArray(offers) || offers.some((offer) => typeof offer !== 'string')) {
    throw new TypeError(`negotiate(): offers must be an array of strings, got ${describe(offers)}`)
  }
  const { maxEntries = DEFAULT_MAX_ENTRIES, ties = field === 'accept-encoding' ? 'offers' : 'header' } = options
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`negotiate(): maxEntries must be a positive integer, got ${describe(maxEntries)}`)
  }
  if (header === undefined) return offers[0]
  const entries = parseList(header, maxEntries)
  const match = field === 'accept' ? matchMedia : field === 'accept-encoding' ? matchCoding : matchLanguage
  let best: T | undefined
  let bestQ = 0
  let bestSpecificity = -1
  let bestPosition = Number.POSITIVE_INFINITY
  for (const offer of offers) {
    const { q, specificity, position } = weigh(entries, offer.toLowerCase(), match)
    const finalQ = q < 0 && field === 'accept-encoding' && offer.toLowerCase() === 'identity' ? IMPLICIT_IDENTITY : q
    if (finalQ <= 0) continue
    const better =
      finalQ > bestQ ||
      (finalQ === bestQ &&
        (specificity > bestSpecificity ||
          (specificity === bestSpecificity && ties === 'header' && position < bestPosition)))
    if (better) {
      best = offer
      bestQ = finalQ
      bestSpecificity = specificity
      bestPosition = position
    }
  }
  return best
}

/** How specifically a range matches an offer: `-1` when it does not match, higher is more specific. */
type Matcher = (entry: Entry, offer: string) => number

/** The offer's weight: the q of its most specific matching entry (the first among equals); `-1` if none. */
function weigh(entries: Entry[], offer: string, match: Matcher): { q: number; specificity: number; position: number } {
  let q = -1
  let specificity = -1
  let position = Number.POSITIVE_INFINITY
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]!
    const score = match(entry, offer)
    if (score <= specificity) continue
    q = entry.q
    specificity = score
    position = index
  }
  return { q, specificity, position }
}

const matchCoding: Matcher = (entry, offer) => (entry.range === offer ? 1 : entry.range === '*' ? 0 : -1)

const matchLanguage: Matcher = (entry, offer) => {
  if (entry.range === '*') return 0
  if (entry.range === offer) return offer.length + 1
  return offer.startsWith(entry.range) && offer.charCodeAt(entry.range.length) === 0x2d ? entry.range.length : -1
}

const matchMedia: Matcher = (entry, offer) => {
  const semicolon = offer.indexOf(';')
  const type = (semicolon === -1 ? offer : offer.slice(0, semicolon)).trim()
  let score: number
  if (entry.range === type) score = 2
  else if (entry.range === '*/*') score = 0
  else if (entry.range.endsWith('/*') && type.startsWith(entry.range.slice(0, -1))) score = 1
  else return -1
  if (entry.params.length === 0) return score
  // Parameters on a range narrow it (RFC 9110 §12.5.1): each must be among the offer's.
  const offered = semicolon === -1 ? [] : splitParams(offer, semicolon + 1)
  for (const [name, value] of entry.params) {
    if (!offered.some(([n, v]) => n === name && v === value)) return -1
  }
  return 3
}

/**
 * Splits a list header into entries (RFC 9110 §5.6.1); more than `maxEntries` is refused before
 * the rest is read.
 */
function parseList(header: string, maxEntries: number): Entry[] {
  const parts = splitOutsideQuotes(header, 0x2c, maxEntries + 1)
  if (parts.length > maxEntries) {
    throw new RequestHeaderFieldsTooLarge(`The header lists more than ${maxEntries} entries`)
  }
  const entries: Entry[] = []
  for (const part of parts) {
    const entry = parseEntry(part)
    if (entry !== undefined) entries.push(entry)
  }
  return entries
}

const Q_RE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/

/** One entry: `range *( ; name=value )`; `undefined` when its q-value is malformed. */
function parseEntry(text: string): Entry | undefined {
  const semicolon = text.indexOf(';')
  const range = (semicolon === -1 ? text : text.slice(0, semicolon)).trim().toLowerCase()
  const params: string[][] = []
  let q = 1
  if (semicolon !== -1) {
    for (const [name, value] of splitParams(text, semicolon + 1)) {
      if (name !== 'q') {
        params.push([name!, value!])
        continue
      }
      if (!Q_RE.test(value!)) return undefined
      q = Number(value)
      break // parameters after the weight are extensions, not part of the range (RFC 9110 §12.4.2)
    }
  }
  return { range, params, q }
}

/** `name=value` pairs after `from`, lower-cased, quoted values unquoted (RFC 9110 §5.6.4). */
function splitParams(text: string, from: number): string[][] {
  const pairs: string[][] = []
  for (const part of splitOutsideQuotes(text.slice(from), 0x3b, Number.POSITIVE_INFINITY)) {
    const equals = part.indexOf('=')
    if (equals === -1) continue
    let value = part.slice(equals + 1).trim()
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1).replace(/\\(.)/g, '$1')
    pairs.push([part.slice(0, equals).trim().toLowerCase(), value.toLowerCase()])
  }
  return pairs
}

/**
 * The non-empty, trimmed parts of `text` between `separator`s outside quoted strings, in one pass;
 * stops once it holds `limit` parts.
 */
function splitOutsideQuotes(text: string, separator: number, limit: number): string[] {
  const parts: string[] = []
  let start = 0
  let quoted = false
  for (let index = 0; index <= text.length && parts.length < limit; index++) {
    const atEnd = index === text.length
    const code = text.charCodeAt(index)
    if (quoted && !atEnd) {
      if (code === 0x5c) index++
      else if (code === 0x22) quoted = false
    } else if (code === 0x22) quoted = true
    else if (atEnd || code === separator) {
      const part = text.slice(start, index).trim()
      if (part !== '') parts.push(part)
      start = index + 1
    }
  }
  return parts
}
