import { negotiate } from '@tsgi/core'

/** The content codings of precompressed siblings, and the file suffix of each. */
export const ENCODING_SUFFIX = { br: '.br', zstd: '.zst', gzip: '.gz' } as const

/** A content coding `serveStatic` can serve from a precompressed sibling. */
export type Encoding = keyof typeof ENCODING_SUFFIX

/**
 * The codings of `available` that `Accept-Encoding` accepts (RFC 9110 §12.5.3), best first:
 * by q-value, then in the server's order, as core's `negotiate` ranks them. A coding with
 * `q=0`, or absent when there is no `*`, is not acceptable. `x-gzip` counts as `gzip`
 * (RFC 9110 §8.4.1.3).
 */
export function acceptedEncodings(header: string | undefined, available: readonly Encoding[]): Encoding[] {
  if (!header) return []
  const field = header.replace(/\bx-gzip\b/gi, 'gzip')
  const ranked: Encoding[] = []
  let rest = [...available]
  // At most three codings: negotiate the best, then the best of the rest.
  for (
    let best = negotiate('accept-encoding', field, rest);
    best !== undefined;
    best = negotiate('accept-encoding', field, rest)
  ) {
    ranked.push(best)
    rest = rest.filter((encoding) => encoding !== best)
  }
  return ranked
}
