import { concatBytes } from '@tsgi/core'
import { describe, expect, it } from 'vitest'

describe('concatBytes(chunks)', () => {
  it('joins the chunks in order, copied once', () => {
    expect(concatBytes([new Uint8Array([1, 2]), new Uint8Array([]), new Uint8Array([3])])).toEqual(
      new Uint8Array([1, 2, 3]),
    )
  })
  it('returns a single chunk as it is, and an empty array for none', () => {
    const only = new Uint8Array([7])
    expect(concatBytes([only])).toBe(only)
    expect(concatBytes([])).toEqual(new Uint8Array(0))
  })
  it('names a value that is not an array', () => {
    expect(() => concatBytes('ab' as never)).toThrow('concatBytes(): chunks must be an array, got "ab"')
  })
})
