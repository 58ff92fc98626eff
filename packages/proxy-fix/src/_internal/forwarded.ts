/** One element of a `Forwarded` field (RFC 7239 §4): the parameters one proxy added, names lower-cased. */
export type ForwardedElement = Partial<Record<'for' | 'proto' | 'host' | 'by', string>>

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/**
 * Parses a `Forwarded` field value into its elements, left to right (RFC 7239 §4:
 * `forwarded-element *( "," forwarded-element )`, each `pair *( ";" pair )`, a value a token or a
 * quoted-string). One pass over the text, so the time is linear in its length. Returns `undefined`
 * for a value that does not follow the grammar, which the caller logs and ignores as a whole.
 */
export function parseForwarded(field: string): ForwardedElement[] | undefined {
  const elements: ForwardedElement[] = []
  let element: ForwardedElement = Object.create(null)
  let index = 0
  const length = field.length
  for (;;) {
    while (index < length && (field[index] === ' ' || field[index] === '\t')) index++
    const equals = field.indexOf('=', index)
    if (equals === -1) return undefined
    const name = field.slice(index, equals).trim().toLowerCase()
    if (!TOKEN.test(name)) return undefined
    index = equals + 1
    let value = ''
    if (field[index] === '"') {
      // quoted-string (RFC 9110 §5.6.4): a backslash escapes the next character.
      index++
      for (;;) {
        if (index >= length) return undefined
        const char = field[index++] as string
        if (char === '"') break
        if (char === '\\') {
          if (index >= length) return undefined
          value += field[index++]
        } else value += char
      }
    } else {
      const start = index
      while (index < length && field[index] !== ';' && field[index] !== ',') index++
      value = field.slice(start, index).trim()
      if (!TOKEN.test(value)) return undefined
    }
    // A parameter may occur once per element (RFC 7239 §4).
    if (name in element) return undefined
    if (name === 'for' || name === 'proto' || name === 'host' || name === 'by') element[name] = value
    while (index < length && (field[index] === ' ' || field[index] === '\t')) index++
    if (index >= length) {
      elements.push(element)
      return elements
    }
    const separator = field[index++]
    if (separator === ',') {
      elements.push(element)
      element = Object.create(null)
    } else if (separator !== ';') return undefined
  }
}
