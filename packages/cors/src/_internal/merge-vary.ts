import type { HeaderList } from '@tsgi/core'

/**
 * Returns `headers` with each of `fields` listed in `Vary` (RFC 9110 §12.5.5): added to the
 * app's own `Vary` value rather than replacing it, once, in any case, and not at all when the
 * app's `Vary` is `*` (which already says everything). The list passed in is not changed.
 */
export function mergeVary(headers: HeaderList, fields: readonly string[]): HeaderList {
  if (fields.length === 0) return headers
  let index = -1
  for (let i = 0; i < headers.length; i++) {
    if (headers[i]![0].length === 4 && headers[i]![0].toLowerCase() === 'vary') {
      index = i
      break
    }
  }
  if (index === -1) return [...headers, ['vary', fields.join(', ')]]
  const [name, value] = headers[index]!
  const present = new Set(value.split(',').map((field) => field.trim().toLowerCase()))
  if (present.has('*')) return headers
  const missing = fields.filter((field) => !present.has(field.toLowerCase()))
  if (missing.length === 0) return headers
  const merged = value.trim() === '' ? missing.join(', ') : `${value}, ${missing.join(', ')}`
  return headers.map((pair, i) => (i === index ? [name, merged] : pair))
}
