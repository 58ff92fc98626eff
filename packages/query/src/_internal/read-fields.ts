import { QueryError } from '../query-error.js'
import type { ResolvedOptions } from './parse.js'
import { unquoteRange } from './unquote.js'

const EQUALS = 61
const PERCENT = 37
const PLUS = 43

/**
 * The one reading loop behind `parseQsl` (into `pairs`) and `parseQs` (into `dict`, with no
 * intermediate pairs): Python's `parse_qsl` in a single pass over the characters, no regular
 * expression, no callback. Each field is scanned with `charCodeAt`, noting where its first `=`
 * is and whether its name or value holds `%` or `+`; one without either is a plain `slice` (the
 * fast path), one with them is decoded once. A multi-character separator is matched where its
 * first character appears, leftmost first and without overlaps, as Python's `str.split` does.
 * The caller checks the field count (`checkFieldCount`) first: this loop does not count.
 *
 * Shapes measured on Node 20: a `next()` scanner object that both parsers drive was about 30%
 * slower on a 16-character query (V8 does not inline a function this size, so every field costs
 * a call); one loop per field, the dict insert written inline rather than in a shared helper,
 * and the `top` test each gain a few percent. What remains on short queries is mostly V8's
 * dictionary-mode `Object.create(null)` and the one-element arrays, both required.
 */
export function readFields(
  qs: string,
  o: ResolvedOptions,
  dict: Record<string, string[]> | undefined,
  pairs: Array<[string, string]> | undefined,
): void {
  const length = qs.length
  if (length === 0) return // Python: `qs.split(separator) if qs else []`
  const { separator, keep, strict } = o
  const step = separator.length
  const sepCode = separator.charCodeAt(0)
  // The largest char code that needs a second look (`=`, `%`, `+` or the separator's first
  // character): letters, and anything else above it, cost one comparison each.
  const top = Math.max(sepCode, EQUALS)
  // The first three names stored in `dict`, so that the first four fields of a query, when
  // their names differ, skip the lookup that tells a new name from a repeated one (a dictionary
  // lookup is a fifth of a short field's cost). Any name not proven new takes the lookup, which
  // is always right; '' (the slots' blank) always does.
  let known = 0
  let n0 = ''
  let n1 = ''
  let n2 = ''
  let i = 0
  for (;;) {
    const start = i
    let eq = -1
    let nameDecode = false
    let valueDecode = false
    for (; i < length; i++) {
      const c = qs.charCodeAt(i)
      if (c > top) continue
      // The separator is tested first, so one such as `=` or `%` is never read inside a field.
      if (c === sepCode && (step === 1 || qs.startsWith(separator, i))) break
      if (c === EQUALS) {
        if (eq === -1) eq = i
      } else if (c === PERCENT || c === PLUS) {
        if (eq === -1) nameDecode = true
        else valueDecode = true
      }
    }
    const end = i
    let name: string | undefined
    let value = ''
    if (eq === -1) {
      if (strict) throw badField(qs, start, end)
      // Python: a name without `=` has a blank value, kept only with keep_blank_values; an
      // empty field (`a&&b`, or a trailing `&`) is dropped even then.
      if (keep && start !== end) name = nameDecode ? unquoteRange(qs, start, end) : qs.slice(start, end)
    } else if (eq + 1 < end || keep) {
      name = nameDecode ? unquoteRange(qs, start, eq) : qs.slice(start, eq)
      value = valueDecode ? unquoteRange(qs, eq + 1, end) : qs.slice(eq + 1, end)
    }
    if (name !== undefined) {
      if (dict === undefined) {
        pairs!.push([name, value])
      } else if (known < 4 && name !== '' && name !== n0 && name !== n1 && name !== n2) {
        dict[name] = [value]
        if (known === 0) n0 = name
        else if (known === 1) n1 = name
        else if (known === 2) n2 = name
        known++
      } else {
        const values = dict[name]
        if (values === undefined) dict[name] = [value]
        else values.push(value)
      }
    }
    if (i >= length) return
    i += step
  }
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
