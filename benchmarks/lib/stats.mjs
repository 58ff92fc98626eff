// Summaries over interleaved rounds: the median and the min–max, never a single run.

/** Median of the finite numbers in `values` (NaN when there are none). */
export function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** `{ median, min, max, n }` of the finite numbers in `values`. */
export function summarize(values) {
  const finite = values.filter(Number.isFinite)
  if (finite.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 }
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite), n: finite.length }
}

/**
 * Ratios round by round (`value[i]` against `base[i]` of the same round), summarized. Pairing
 * by round cancels part of the host's drift. With `lowerIsBetter` (time, CPU) the ratio is
 * `base / value`, so for every ratio in this suite, higher is better and 1 is parity.
 */
export function ratios(values, base, lowerIsBetter = false) {
  const paired = []
  for (let index = 0; index < values.length; index++) {
    const value = values[index]
    const reference = base[index]
    if (Number.isFinite(value) && Number.isFinite(reference) && value > 0 && reference > 0) {
      paired.push(lowerIsBetter ? reference / value : value / reference)
    }
  }
  return summarize(paired)
}
