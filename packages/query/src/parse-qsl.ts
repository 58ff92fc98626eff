import { checkFieldCount, resolveOptions, tooManyFields } from './_internal/parse.js'
import { readFields } from './_internal/read-fields.js'
import type { ParseQsOptions } from './parse-qs.js'

/**
 * Parses a query string into `[name, value]` pairs in order: Python's `urllib.parse.parse_qsl`
 * (3.11), with the same answers for the same input. Fields are split on `separator` only; `+` is
 * a space; `%XX` escapes decode as UTF-8 with U+FFFD for invalid bytes (Python's
 * `errors='replace'`); anything else, including a bad escape such as `%zz`, stays as it is.
 * Blank values are dropped unless `keepBlankValues`.
 *
 * @throws {QueryError} (400) for a bad field under `strictParsing`, or more than `maxNumFields` fields.
 * @throws {TypeError} / {RangeError} if `qs` is not a string or an option is malformed.
 * @example
 * parseQsl('a=1&b=x+y&a=%E2%82%AC') // [['a', '1'], ['b', 'x y'], ['a', '€']]
 */
export function parseQsl(qs: string, options?: ParseQsOptions): Array<[name: string, value: string]> {
  if (typeof qs !== 'string') throw new TypeError(`parseQsl(): qs must be a string, got ${typeof qs}`)
  const o = resolveOptions(options, 'parseQsl()')
  checkFieldCount(qs, o.separator, o.max, tooManyFields)
  const pairs: Array<[string, string]> = []
  readFields(qs, o, undefined, pairs)
  return pairs
}
