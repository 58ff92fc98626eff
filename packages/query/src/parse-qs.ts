import { parseDict, resolveOptions } from './_internal/parse.js'

/** Options of {@link parseQs} and {@link parseQsl}, with Python's names camelCased and Python's defaults. */
export interface ParseQsOptions {
  /**
   * Keep fields whose value is blank (`a=` and, as Python does, `a` without `=`) as `''`.
   * @default false (they are dropped)
   */
  keepBlankValues?: boolean
  /**
   * Throw a `QueryError` for a field without `=` (and for an empty field, as Python does)
   * instead of skipping it.
   * @default false
   */
  strictParsing?: boolean
  /**
   * The most fields to accept, counted as Python counts them (one more than the separators, none
   * for `''`, blank fields included). More is a `QueryError`, thrown before any parsing.
   * @default undefined (no limit; `queryOf` and `readForm` default to 1000)
   */
  maxNumFields?: number
  /**
   * What separates fields. Python 3.10+ splits on this only, so `;` is an ordinary character.
   * @default '&'
   */
  separator?: string
}

/**
 * Parses a query string into an object of value lists: Python's `urllib.parse.parse_qs` (3.11),
 * with exactly {@link parseQsl}'s rules. The object has a null prototype, so `__proto__`,
 * `constructor` and `toString` are ordinary names and nothing can reach `Object.prototype`.
 * Each name maps to its values in order (`?a=1&a=2` → `{ a: ['1', '2'] }`).
 *
 * @throws {QueryError} (400) for a bad field under `strictParsing`, or more than `maxNumFields` fields.
 * @throws {TypeError} / {RangeError} if `qs` is not a string or an option is malformed.
 * @example
 * const { subject = ['World'] } = parseQs(environ.QUERY_STRING)
 */
export function parseQs(qs: string, options?: ParseQsOptions): Record<string, string[]> {
  if (typeof qs !== 'string') throw new TypeError(`parseQs(): qs must be a string, got ${typeof qs}`)
  return parseDict(qs, resolveOptions(options, 'parseQs()'))
}
