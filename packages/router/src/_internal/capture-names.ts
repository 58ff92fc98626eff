/**
 * The name of each capturing group of a `RegExp`, in group-number order, `null` for an unnamed
 * group. `wsgiorg.routing_args` puts unnamed groups in the positional list and named ones in the
 * named object; JavaScript numbers both, so the source is scanned once, at build time.
 */
export function captureNames(regexp: RegExp): (string | null)[] {
  const { source, flags } = regexp
  const names: (string | null)[] = []
  // Under the v flag, classes nest ([[a-z]--[aeiou]]); elsewhere '[' inside a class is literal.
  const nested = flags.includes('v')
  let depth = 0
  for (let i = 0; i < source.length; i++) {
    const char = source[i]
    if (char === '\\') {
      i++ // an escaped character is never syntax
    } else if (depth > 0) {
      if (char === ']') depth--
      else if (char === '[' && nested) depth++
    } else if (char === '[') {
      depth = 1
    } else if (char === '(') {
      if (source[i + 1] !== '?') names.push(null)
      else if (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
        const close = source.indexOf('>', i + 3)
        names.push(source.slice(i + 3, close))
      }
    }
  }
  // The engine's own count: the empty alternative always matches, with every group undefined.
  const count = new RegExp(`${source}|`, flags.replace(/[gy]/g, '')).exec('')!.length - 1
  // Should the scan ever disagree with the engine, every group goes positional rather than misplaced.
  return names.length === count ? names : new Array<null>(count).fill(null)
}
