/**
 * The name of each capturing group of a `RegExp`, in group-number order, `null` for an unnamed
 * group. `wsgiorg.routing_args` puts unnamed groups in the positional list and named ones in the
 * named object; JavaScript numbers both, so the source is scanned once, at build time.
 */
export function captureNames(source: string): (string | null)[] {
  const names: (string | null)[] = []
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const char = source[i]
    if (char === '\\') {
      i++ // an escaped character is never syntax
    } else if (inClass) {
      if (char === ']') inClass = false
    } else if (char === '[') {
      inClass = true
    } else if (char === '(') {
      if (source[i + 1] !== '?') names.push(null)
      else if (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
        const close = source.indexOf('>', i + 3)
        names.push(source.slice(i + 3, close))
      }
    }
  }
  return names
}
