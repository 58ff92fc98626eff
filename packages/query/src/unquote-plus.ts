import { unquoteRange } from './_internal/unquote.js'

/**
 * Python's `urllib.parse.unquote_plus`: `+` becomes a space, then `%XX` escapes decode as UTF-8
 * with U+FFFD for invalid bytes (`errors='replace'`); malformed escapes stay as they are.
 *
 * @throws {TypeError} if `string` is not a string.
 * @example
 * unquotePlus('%7e/abc+def') // '~/abc def'
 */
export function unquotePlus(string: string): string {
  if (typeof string !== 'string') throw new TypeError(`unquotePlus(): string must be a string, got ${typeof string}`)
  return unquoteRange(string, 0, string.length)
}
