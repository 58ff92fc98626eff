import type { ParseQsOptions } from '../parse-qs.js'
import { QueryError } from '../query-error.js'
import { unquoteRange } from './unquote.js'

/** Options checked once: what the parsing loop reads. */
export interface ResolvedOptions {
  keep: boolean
  strict: boolean
  max: number
  separator: string
}

const DEFAULTS: ResolvedOptions = { keep: false, strict: false, max: Number.POSITIVE_INFINITY, separator: '&' }

/** Checks the options (programmer mistakes are a TypeError/RangeError naming `caller`). */
export function resolveOptions(options: ParseQsOptions | undefined, caller: string, max?: number): ResolvedOptions {
  if (options === undefined && max === undefined) return DEFAULTS
  if (options === undefined) options = {}
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${caller}: options must be an object, got ${options === null ? 'null' : typeof options}`)
  }
  const { keepBlankValues = false, strictParsing = false, maxNumFields = max, separator = '&' } = options
  if (typeof keepBlankValues !== 'boolean') {
    throw new TypeError(`${caller}: options.keepBlankValues must be a boolean, got ${typeof keepBlankValues}`)
  }
  if (typeof strictParsing !== 'boolean') {
    throw new TypeError(`${caller}: options.strictParsing must be a boolean, got ${typeof strictParsing}`)
  }
  if (
    maxNumFields !== undefined &&
    (typeof maxNumFields !== 'number' ||
      !(maxNumFields >= 0) ||
      !(Number.isInteger(maxNumFields) || maxNumFields === Number.POSITIVE_INFINITY))
  ) {
    throw new RangeError(
      `${caller}: options.maxNumFields must be a non-negative integer or Infinity, got ${String(maxNumFields)}`,
    )
  }
  if (typeof separator !== 'string' || separator === '') {
    // Python: ValueError('Separator must be of type string or bytes.')
    throw new TypeError(
      `${caller}: options.separator must be a non-empty string, got ${typeof separator === 'string' ? "''" : typeof separator}`,
    )
  }
  return { keep: keepBlankValues, strict: strictParsing, max: maxNumFields ?? Number.POSITIVE_INFINITY, separator }
}

/**
 * Throws `tooMany()` when `qs` has more than `max` fields, counted as CPython 3.11 does:
 * `1 + qs.count(separator) if qs else 0` (non-overlapping, blank fields included). It stops
 * counting at the first field over the limit.
 */
export function checkFieldCount(qs: string, separator: string, max: number, tooMany: () => Error): void {
  if (qs === '' || max === Number.POSITIVE_INFINITY) return
  let fields = 1
  if (fields > max) throw tooMany()
  for (let i = qs.indexOf(separator); i !== -1; i = qs.indexOf(separator, i + separator.length)) {
    if (++fields > max) throw tooMany()
  }
}

/** Python's message for too many fields. */
export function tooManyFields(): QueryError {
  return new QueryError('Max number of fields exceeded')
}

/**
 * The one parsing loop behind `parseQsl` (pairs) and `parseQs` (dict): Python's `parse_qsl` in a
 * single pass over the characters, no regular expression. Each field notes where its first `=`
 * is and whether its name or value holds `%` or `+`; one without either is a plain `slice` (the
 * fast path), one with them is decoded once. A multi-character separator is matched where its
 * first character appears, leftmost first and without overlaps, as Python's `str.split` does.
 */
export function parseFields(
  qs: string,
  o: ResolvedOptions,
  dict: Record<string, string[]> | undefined,
  pairs: Array<[string, string]> | undefined,
): void {
  const length = qs.length
  if (length === 0) return // Python: `qs.split(separator) if qs else []`
  checkFieldCount(qs, o.separator, o.max, tooManyFields)
  const { separator, keep, strict } = o
  const step = separator.length
  const sepCode = separator.charCodeAt(0)
  let i = 0
  for (;;) {
    const start = i
    let eq = -1
    let nameDecode = false
    let valueDecode = false
    for (; i < length; i++) {
      const c = qs.charCodeAt(i)
      if (c === sepCode && (step === 1 || qs.startsWith(separator, i))) break
      if (c === EQUALS) {
        if (eq === -1) eq = i
      } else if (c === PERCENT || c === PLUS) {
        if (eq === -1) nameDecode = true
        else valueDecode = true
      }
    }
    const end = i
    if (start === end) {
      if (strict) throw badField(qs, start, end)
    } else if (eq === -1) {
      if (strict) throw badField(qs, start, end)
      // Python: a name without `=` has a blank value, kept only with keep_blank_values.
      if (keep) add(dict, pairs, nameDecode ? unquoteRange(qs, start, end) : qs.slice(start, end), '')
    } else if (eq + 1 < end || keep) {
      add(
        dict,
        pairs,
        nameDecode ? unquoteRange(qs, start, eq) : qs.slice(start, eq),
        valueDecode ? unquoteRange(qs, eq + 1, end) : qs.slice(eq + 1, end),
      )
    }
    if (i >= length) return
    i += step
  }
}

const EQUALS = 61
const PERCENT = 37
const PLUS = 43

function add(
  dict: Record<string, string[]> | undefined,
  pairs: Array<[string, string]> | undefined,
  name: string,
  value: string,
): void {
  if (dict === undefined) {
    pairs!.push([name, value])
    return
  }
  const values = dict[name]
  if (values === undefined) dict[name] = [value]
  else values.push(value)
}

/** Python's `ValueError("bad query field: %r")`, as a 400; long fields are cut in the message. */
function badField(qs: string, start: number, end: number): QueryError {
  const cut = end - start > MAX_SHOWN
  return new QueryError(`bad query field: ${pyRepr(qs.slice(start, cut ? start + MAX_SHOWN : end))}${cut ? '…' : ''}`)
}

const MAX_SHOWN = 200

/** Python's `repr()` of a str: exact for ASCII; other printable characters are kept as they are. */
function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'"
  let out = quote
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    const ch = s[i]!
    if (ch === '\\' || ch === quote) out += `\\${ch}`
    else if (c === 10) out += '\\n'
    else if (c === 13) out += '\\r'
    else if (c === 9) out += '\\t'
    else if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0xad) out += `\\x${c.toString(16).padStart(2, '0')}`
    else if (c >= 0xd800 && c <= 0xdfff && !isPaired(s, i, c)) out += `\\u${c.toString(16)}`
    else out += ch
  }
  return out + quote
}

function isPaired(s: string, i: number, c: number): boolean {
  if (c <= 0xdbff) {
    const next = s.charCodeAt(i + 1)
    return next >= 0xdc00 && next <= 0xdfff
  }
  const prev = s.charCodeAt(i - 1)
  return prev >= 0xd800 && prev <= 0xdbff
}
