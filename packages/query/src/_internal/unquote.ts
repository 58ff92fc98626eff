// Percent-decoding exactly as Python's `urllib.parse.unquote(errors='replace')` (3.11): `%XX`
// escapes (either case) become bytes, runs of bytes decode as UTF-8, and anything that is not a
// well-formed `%XX` stays as it is. Invalid UTF-8 becomes U+FFFD once per *maximal subpart*, the
// Unicode/WHATWG rule that CPython's decoder follows, so `%F0%9F%98` is one U+FFFD and `%ED%A0%80`
// (a surrogate) is three. The decoder is written out here instead of calling TextDecoder per run:
// a run is usually one to four bytes, and a TextDecoder call costs more than decoding them.

/** Hex digit values for char codes 0–127; -1 for anything else. */
const HEX: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1)
  for (let i = 0; i < 10; i++) table[48 + i] = i
  for (let i = 0; i < 6; i++) {
    table[65 + i] = 10 + i
    table[97 + i] = 10 + i
  }
  return table
})()

const PERCENT = 37
const PLUS = 43

/** The byte of a well-formed `%XX` at `i` (which holds `%`) before `end`, or -1. */
function escapeAt(s: string, i: number, end: number): number {
  if (i + 2 >= end) return -1
  const hi = s.charCodeAt(i + 1)
  const lo = s.charCodeAt(i + 2)
  if (hi > 127 || lo > 127) return -1
  const h = HEX[hi]!
  const l = HEX[lo]!
  return h < 0 || l < 0 ? -1 : (h << 4) | l
}

/**
 * Decodes `s.slice(start, end)`, `+` as a space first (as `parse_qsl` and `unquote_plus` do).
 * Literal runs are copied with one `slice` each.
 */
export function unquoteRange(s: string, start: number, end: number): string {
  let out = ''
  let copied = start // the start of the literal run not yet copied to `out`
  let i = start
  while (i < end) {
    const c = s.charCodeAt(i)
    if (c === PLUS) {
      out += `${s.slice(copied, i)} `
      copied = ++i
      continue
    }
    if (c !== PERCENT) {
      i++
      continue
    }
    const lead = escapeAt(s, i, end)
    if (lead < 0) {
      i++ // not an escape: the `%` stays as it is (Python: unquote_to_bytes keeps it)
      continue
    }
    out += s.slice(copied, i)
    i += 3
    if (lead < 0x80) {
      out += String.fromCharCode(lead)
      copied = i
      continue
    }
    // The UTF-8 decoder of the WHATWG Encoding Standard §4.1 (the same answers as CPython):
    // how many continuation bytes follow this lead, and the range the first one must be in.
    let need = 0
    let lower = 0x80
    let upper = 0xbf
    let cp = 0
    if (lead >= 0xc2 && lead <= 0xdf) {
      need = 1
      cp = lead & 0x1f
    } else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2
      cp = lead & 0x0f
      if (lead === 0xe0) lower = 0xa0
      else if (lead === 0xed) upper = 0x9f // no surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3
      cp = lead & 0x07
      if (lead === 0xf0) lower = 0x90
      else if (lead === 0xf4) upper = 0x8f // nothing above U+10FFFF
    } else {
      out += '\uFFFD' // a continuation byte, C0/C1 (always overlong) or F5–FF
      copied = i
      continue
    }
    while (need > 0) {
      const next = s.charCodeAt(i) === PERCENT ? escapeAt(s, i, end) : -1
      if (next < lower || next > upper) break // not consumed: it starts afresh (maximal subpart)
      cp = (cp << 6) | (next & 0x3f)
      lower = 0x80
      upper = 0xbf
      need--
      i += 3
    }
    out += need > 0 ? '\uFFFD' : String.fromCodePoint(cp)
    copied = i
  }
  return copied === start ? s.slice(start, end) : out + s.slice(copied, end)
}
