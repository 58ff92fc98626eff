import { describeValue } from '@tsgi/core'
import { quotePlus } from './quote-plus.js'

/** Options of {@link urlencode}. */
export interface UrlencodeOptions {
  /**
   * Send each element of an array (or other non-string iterable) value as its own `name=value`
   * field, as Python's `doseq=True` does. Without it the value is converted with `String()`.
   * @default false
   */
  doseq?: boolean
}

/** What {@link urlencode} takes: an object, a `Map`, or `[name, value]` pairs (a `URLSearchParams` too). */
export type UrlencodeData = Readonly<Record<string, unknown>> | Iterable<readonly [unknown, unknown]>

/**
 * Python's `urllib.parse.urlencode`: encodes fields as `name=value` joined by `&`, each part with
 * {@link quotePlus}, in the order given. Strings and `Uint8Array`s (as bytes) are encoded as
 * they are; other values go through `String()` (Python's `str()`, so `true` is `'true'` here).
 * `parseQs(urlencode(data, { doseq: true }))` gives back the data's strings.
 *
 * @throws {TypeError} if `data` is not an object, `Map` or iterable of pairs (a string is not).
 * @throws {RangeError} for a lone surrogate in a name or value (it has no UTF-8 form).
 * @example
 * urlencode({ q: 'tsgi & wsgi', tag: ['a', 'b'] }, { doseq: true }) // 'q=tsgi+%26+wsgi&tag=a&tag=b'
 */
export function urlencode(data: UrlencodeData, options: UrlencodeOptions = {}): string {
  if (data === null || typeof data !== 'object') {
    // Python: TypeError('not a valid non-string sequence or mapping object')
    throw new TypeError(
      `urlencode(): data must be an object, a Map or an iterable of [name, value] pairs, got ${data === null ? 'null' : typeof data}`,
    )
  }
  const doseq = options.doseq ?? false
  if (typeof doseq !== 'boolean')
    throw new TypeError(`urlencode(): options.doseq must be a boolean, got ${typeof doseq}`)
  const entries: Iterable<readonly [unknown, unknown]> =
    Symbol.iterator in data ? (data as Iterable<readonly [unknown, unknown]>) : Object.entries(data)
  let out = ''
  let index = 0
  for (const entry of entries) {
    if (!Array.isArray(entry) || entry.length !== 2) {
      throw new TypeError(`urlencode(): entry ${index} must be a [name, value] pair, got ${describeValue(entry)}`)
    }
    index++
    const name = `${encode(entry[0])}=`
    const value: unknown = entry[1]
    if (
      doseq &&
      typeof value === 'object' &&
      value !== null &&
      !(value instanceof Uint8Array) &&
      Symbol.iterator in value
    ) {
      for (const element of value as Iterable<unknown>) out += `${out === '' ? '' : '&'}${name}${encode(element)}`
    } else {
      out += `${out === '' ? '' : '&'}${name}${encode(value)}`
    }
  }
  return out
}

function encode(part: unknown): string {
  return quotePlus(typeof part === 'string' || part instanceof Uint8Array ? part : String(part))
}
