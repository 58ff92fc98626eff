/** A parsed `Content-Type` (or any media type) field value: see {@link parseContentType}. */
export interface ContentType {
  /** `type/subtype`, lower-cased (RFC 9110 §8.3.1: both are case-insensitive), e.g. `multipart/form-data`. */
  type: string
  /**
   * The parameters by lower-cased name (names are case-insensitive, RFC 9110 §5.6.6), values as
   * sent, with a quoted-string unquoted and its backslash escapes removed. A null-prototype
   * record, so a parameter named `__proto__` or `constructor` is only data.
   */
  parameters: Record<string, string>
}

// RFC 9110 §5.6.2 tchar, indexed by char code: ! # $ % & ' * + - . ^ _ ` | ~ DIGIT ALPHA.
const TCHAR = new Uint8Array(128)
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
  TCHAR[c.charCodeAt(0)] = 1

const SP = 0x20
const HTAB = 0x09
const SEMI = 0x3b
const EQ = 0x3d
const DQUOTE = 0x22
const BACKSLASH = 0x5c
const SLASH = 0x2f

/**
 * Parses a media type such as a `Content-Type` field value (RFC 9110 §8.3.1):
 * `type "/" subtype *( OWS ";" OWS [ name "=" ( token / quoted-string ) ] )`, in one linear pass
 * with no regular expression. Type, subtype and parameter names are lower-cased; a
 * quoted-string value is unquoted and its quoted-pairs (`\"`, `\\`) resolved (§5.6.4), so a
 * quoted `;` or `=` is part of the value, never a separator. Surrounding whitespace is ignored.
 *
 * Malformed input returns `undefined` rather than throwing: a caller decides what a missing or
 * bad type means (a 415 for a body it cannot read, or a default). Malformed means anything
 * outside the grammar, including a parameter without `=`, an empty token, an unterminated
 * quoted-string, a control character, and a parameter name given twice (two `boundary`
 * parameters are ambiguous: one parser would pick the first, another the last).
 *
 * @param value The field value; anything but a string returns `undefined`.
 * @returns The type and parameters, or `undefined` if `value` is not a valid media type.
 * @example
 * parseContentType('multipart/form-data; boundary="a;b"')
 * // → { type: 'multipart/form-data', parameters: { boundary: 'a;b' } }
 */
export function parseContentType(value: string): ContentType | undefined {
  if (typeof value !== 'string') return undefined
  const end = trimEnd(value)
  let i = skipSpace(value, 0, end)
  const typeEnd = skipToken(value, i, end)
  if (typeEnd === i || value.charCodeAt(typeEnd) !== SLASH) return undefined
  const subtypeEnd = skipToken(value, typeEnd + 1, end)
  if (subtypeEnd === typeEnd + 1) return undefined
  const type = value.slice(i, subtypeEnd).toLowerCase()
  const parameters: Record<string, string> = Object.create(null)
  i = subtypeEnd
  while (i < end) {
    i = skipSpace(value, i, end)
    if (value.charCodeAt(i) !== SEMI) return undefined
    i = skipSpace(value, i + 1, end)
    if (i === end || value.charCodeAt(i) === SEMI) continue // an empty parameter is allowed
    const nameEnd = skipToken(value, i, end)
    if (nameEnd === i || value.charCodeAt(nameEnd) !== EQ) return undefined
    const name = value.slice(i, nameEnd).toLowerCase()
    if (name in parameters) return undefined
    i = nameEnd + 1
    if (value.charCodeAt(i) === DQUOTE) {
      const quoted = readQuoted(value, i + 1, end)
      if (quoted === undefined) return undefined
      parameters[name] = quoted.text
      i = quoted.next
    } else {
      const valueEnd = skipToken(value, i, end)
      if (valueEnd === i) return undefined
      parameters[name] = value.slice(i, valueEnd)
      i = valueEnd
    }
  }
  return { type, parameters }
}

/** A quoted-string's content from just after the opening quote (RFC 9110 §5.6.4); `undefined` if unterminated or with a control character. */
function readQuoted(value: string, start: number, end: number): { text: string; next: number } | undefined {
  let text = ''
  let from = start // the start of the current run of plain qdtext, copied in one slice
  for (let i = start; i < end; i++) {
    const c = value.charCodeAt(i)
    if (c === DQUOTE) return { text: text + value.slice(from, i), next: i + 1 }
    if (c === BACKSLASH) {
      if (i + 1 >= end || !isQuotedChar(value.charCodeAt(i + 1))) return undefined
      text += value.slice(from, i)
      from = ++i // keep the escaped character, drop the backslash
    } else if (!isQuotedChar(c)) return undefined
  }
  return undefined
}

/** HTAB, SP, VCHAR or obs-text (0x80–0xFF): what qdtext and quoted-pair allow besides their delimiters. */
function isQuotedChar(c: number): boolean {
  return c === HTAB || (c >= SP && c !== 0x7f && c <= 0xff)
}

function skipToken(value: string, i: number, end: number): number {
  while (i < end) {
    const c = value.charCodeAt(i)
    if (c >= 128 || TCHAR[c] === 0) break
    i++
  }
  return i
}

function skipSpace(value: string, i: number, end: number): number {
  while (i < end) {
    const c = value.charCodeAt(i)
    if (c !== SP && c !== HTAB) break
    i++
  }
  return i
}

function trimEnd(value: string): number {
  let end = value.length
  while (end > 0) {
    const c = value.charCodeAt(end - 1)
    if (c !== SP && c !== HTAB) break
    end--
  }
  return end
}
