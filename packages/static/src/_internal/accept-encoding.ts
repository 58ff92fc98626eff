/** The content codings of precompressed siblings, and the file suffix of each. */
export const ENCODING_SUFFIX = { br: '.br', zstd: '.zst', gzip: '.gz' } as const

/** A content coding `serveStatic` can serve from a precompressed sibling. */
export type Encoding = keyof typeof ENCODING_SUFFIX

/**
 * The codings of `available` that `Accept-Encoding` accepts (RFC 9110 §12.5.3), best first:
 * by q-value, then in the server's order. A coding with `q=0`, or absent when there is no `*`,
 * is not acceptable. One pass over the header.
 */
export function acceptedEncodings(header: string | undefined, available: readonly Encoding[]): Encoding[] {
  if (!header) return []
  const weights: Record<string, number> = Object.create(null)
  for (const item of header.split(',')) {
    const semicolon = item.indexOf(';')
    const name = (semicolon === -1 ? item : item.slice(0, semicolon)).trim().toLowerCase()
    if (name === '') continue
    weights[name] = semicolon === -1 ? 1 : qValue(item.slice(semicolon + 1))
  }
  const any = weights['*'] ?? 0
  const ranked: { encoding: Encoding; q: number }[] = []
  for (const encoding of available) {
    // x-gzip is gzip (RFC 9110 §8.4.1.3).
    const q = weights[encoding] ?? (encoding === 'gzip' ? weights['x-gzip'] : undefined) ?? any
    if (q > 0) ranked.push({ encoding, q })
  }
  // Array.prototype.sort is stable, so equal weights keep the server's order.
  return ranked.sort((a, b) => b.q - a.q).map((entry) => entry.encoding)
}

/** The `q` parameter of a list member (`q=0.8`), 1 when absent, 0 when malformed. */
function qValue(parameters: string): number {
  for (const parameter of parameters.split(';')) {
    const [key, value] = parameter.split('=', 2).map((part) => part.trim())
    if (key?.toLowerCase() !== 'q') continue
    return value !== undefined && /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value) ? Number(value) : 0
  }
  return 1
}
