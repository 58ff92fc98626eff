// A 10 000-field and a 1 MB query are read in one pass: these tests count the characters the
// parser looks at (through String.prototype.charCodeAt and indexOf, the ways it reads with the default
// separator) and compare that with the length, so a quadratic rescan fails them without any timing.
import { parseQs, parseQsl } from '@tsgi/query'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const { indexOf, charCodeAt } = String.prototype
let scanned = 0

beforeEach(() => {
  scanned = 0
  String.prototype.indexOf = function countedIndexOf(this: string, search: string, from = 0) {
    const found = indexOf.call(this, search, from)
    scanned += (found === -1 ? this.length : found + search.length) - Math.max(0, from)
    return found
  }
  String.prototype.charCodeAt = function countedCharCodeAt(this: string, index: number) {
    scanned++
    return charCodeAt.call(this, index)
  }
})

afterEach(() => {
  String.prototype.indexOf = indexOf
  String.prototype.charCodeAt = charCodeAt
})

/** Parses while counting, and returns the characters read per character of input. */
function readsPerChar(qs: string, parse: () => unknown): number {
  scanned = 0
  parse()
  const reads = scanned
  String.prototype.indexOf = indexOf
  String.prototype.charCodeAt = charCodeAt
  return reads / qs.length
}

describe('parseQs(qs) on large input', () => {
  it('reads a 10 000-field query once, even when = and % come only at the end', () => {
    // A parser that searched for `=` or `%` from each field's start would rescan to the end 10 000 times.
    const qs = `${Array.from({ length: 10_000 }, (_, i) => `f${i}`).join('&')}&last=%41+`
    let result: Record<string, string[]> = {}
    const reads = readsPerChar(qs, () => (result = parseQs(qs, { keepBlankValues: true })))
    expect(Object.keys(result)).toHaveLength(10_001)
    expect(result.last).toEqual(['A '])
    expect(reads).toBeLessThanOrEqual(6)
  })

  it('reads a 10 000-field query with escapes in every field once', () => {
    const qs = Array.from({ length: 10_000 }, (_, i) => `k%C3%A9${i}=v+${i}%E2%82%AC`).join('&')
    let result: Record<string, string[]> = {}
    const reads = readsPerChar(qs, () => (result = parseQs(qs)))
    expect(Object.keys(result)).toHaveLength(10_000)
    expect(result.ké9999).toEqual(['v 9999€'])
    expect(reads).toBeLessThanOrEqual(6)
  })

  it('reads a 1 MB query once, as one escaped value and as many short fields', () => {
    const value = '%F0%9F%98%80+'.repeat(80_000) // 1.04 MB
    let pairs: Array<[string, string]> = []
    let reads = readsPerChar(value, () => (pairs = parseQsl(`v=${value}`)))
    expect(pairs[0]![1]).toBe('😀 '.repeat(80_000))
    expect(reads).toBeLessThanOrEqual(6)

    const fields = 'a=1&bb=22&c&'.repeat(90_000) // 1.08 MB
    reads = readsPerChar(fields, () => (pairs = parseQsl(fields)))
    expect(pairs).toHaveLength(180_000)
    expect(reads).toBeLessThanOrEqual(6)
  })
})
