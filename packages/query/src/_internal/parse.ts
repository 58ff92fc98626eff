import type { ParseQsOptions } from '../parse-qs.js'
import { QueryError } from '../query-error.js'
import { readFields } from './read-fields.js'

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
 * Python's `parse_qs` into a fresh null-prototype dict (user keys such as `__proto__` never reach
 * `Object.prototype`), after the field-count check. The dict is built as the fields are read, with
 * no intermediate pairs. It stays a true `Object.create(null)`: V8 keeps it in dictionary mode,
 * which is also what suits keys chosen by the client.
 */
export function parseDict(qs: string, o: ResolvedOptions): Record<string, string[]> {
  const dict: Record<string, string[]> = Object.create(null)
  checkFieldCount(qs, o.separator, o.max, tooManyFields)
  readFields(qs, o, dict, undefined)
  return dict
}
