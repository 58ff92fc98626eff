import { getHeader, type HeaderList, withHeader, withoutHeader } from '@tsgi/core'
import { describe, expect, it } from 'vitest'

const list = (): HeaderList => [
  ['Content-Type', 'text/plain'],
  ['Set-Cookie', 'a=1'],
  ['set-cookie', 'b=2'],
  ['X-Other', 'x'],
]

describe('getHeader(headers, name)', () => {
  it('finds a header whatever the case of either name', () => {
    expect(getHeader(list(), 'content-type')).toBe('text/plain')
    expect(getHeader(list(), 'CONTENT-TYPE')).toBe('text/plain')
    expect(getHeader([['content-type', 'a']], 'Content-Type')).toBe('a')
  })

  it('returns the first of several', () => {
    expect(getHeader(list(), 'SET-COOKIE')).toBe('a=1')
  })

  it('returns undefined when there is none', () => {
    expect(getHeader(list(), 'content-length')).toBeUndefined()
    expect(getHeader([], 'x')).toBeUndefined()
  })

  it('does not match a name that is only a prefix or longer', () => {
    expect(getHeader([['x-other-thing', '1']], 'x-other')).toBeUndefined()
    expect(getHeader([['x', '1']], 'x-other')).toBeUndefined()
  })

  it('throws a TypeError naming the argument and what it got', () => {
    expect(() => getHeader(list(), '')).toThrow(
      new TypeError('getHeader(): name must be a non-empty header name, got ""'),
    )
    expect(() => getHeader(list(), 5 as never)).toThrow(/name must be a non-empty header name, got 5/)
    expect(() => getHeader(undefined as never, 'x')).toThrow(
      new TypeError('getHeader(): headers must be an array of [name, value] pairs, got undefined'),
    )
  })
})

describe('withHeader(headers, name, value)', () => {
  it('replaces every header of that name (any case) with one, at the end', () => {
    expect(withHeader(list(), 'SET-COOKIE', 'c=3')).toEqual([
      ['Content-Type', 'text/plain'],
      ['X-Other', 'x'],
      ['SET-COOKIE', 'c=3'],
    ])
  })

  it('appends a header that was not there', () => {
    expect(withHeader([['a', '1']], 'b', '2')).toEqual([
      ['a', '1'],
      ['b', '2'],
    ])
  })

  it('returns a new list and leaves the one passed in as it was', () => {
    const headers = list()
    const before = structuredClone(headers)
    const result = withHeader(headers, 'x-new', 'y')
    expect(result).not.toBe(headers)
    expect(headers).toEqual(before)
    expect(withHeader(headers, 'content-type', 'text/html')).not.toBe(headers)
    expect(headers).toEqual(before)
  })

  it('works on a frozen list', () => {
    const headers = Object.freeze([Object.freeze(['a', '1'] as const)])
    expect(withHeader(headers, 'b', '2')).toEqual([
      ['a', '1'],
      ['b', '2'],
    ])
  })

  it('throws a TypeError naming the argument and what it got', () => {
    expect(() => withHeader(list(), 'x', 1 as never)).toThrow(
      new TypeError('withHeader(): value must be a string, got 1'),
    )
    expect(() => withHeader(list(), null as never, 'v')).toThrow(/withHeader\(\): name .* got null/)
    expect(() => withHeader('a: b' as never, 'x', 'v')).toThrow(
      new TypeError('withHeader(): headers must be an array of [name, value] pairs, got "a: b"'),
    )
  })
})

describe('withoutHeader(headers, name)', () => {
  it('removes every header of that name, any case, into a new list', () => {
    const headers = list()
    const before = structuredClone(headers)
    const result = withoutHeader(headers, 'Set-Cookie')
    expect(result).toEqual([
      ['Content-Type', 'text/plain'],
      ['X-Other', 'x'],
    ])
    expect(result).not.toBe(headers)
    expect(headers).toEqual(before)
  })

  it('returns the same list when there is nothing to remove', () => {
    const headers = list()
    expect(withoutHeader(headers, 'content-length')).toBe(headers)
  })

  it('throws a TypeError naming the argument and what it got', () => {
    expect(() => withoutHeader(list(), undefined as never)).toThrow(
      new TypeError('withoutHeader(): name must be a non-empty header name, got undefined'),
    )
    expect(() => withoutHeader({} as never, 'x')).toThrow(/withoutHeader\(\): headers must be an array/)
  })
})
