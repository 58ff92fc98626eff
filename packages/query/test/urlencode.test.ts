import { parseQs, parseQsl, quotePlus, unquotePlus, urlencode } from '@tsgi/query'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

// Well-formed strings over the whole of Unicode, astral characters included (lone surrogates have no UTF-8 form).
const text = fc.string({ unit: 'binary', maxLength: 20 })

describe('urlencode(data, options)', () => {
  it('round-trips through parseQs with doseq', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(text, fc.array(text, { minLength: 1, maxLength: 4 })), { selector: ([name]) => name }),
        (entries) => {
          const data = new Map(entries)
          const result = parseQs(urlencode(data, { doseq: true }), { keepBlankValues: true })
          expect(Object.keys(result).length).toBe(entries.length)
          for (const [name, values] of entries) expect(result[name]).toEqual(values)
        },
      ),
    )
  })

  it('round-trips pairs through parseQsl in order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text)), (pairs) => {
        expect(parseQsl(urlencode(pairs), { keepBlankValues: true })).toEqual(pairs)
      }),
    )
  })

  it('takes a plain object, a Map, pairs and URLSearchParams alike', () => {
    const expected = 'a=1&b=x+y'
    expect(urlencode({ a: '1', b: 'x y' })).toBe(expected)
    expect(
      urlencode(
        new Map([
          ['a', '1'],
          ['b', 'x y'],
        ]),
      ),
    ).toBe(expected)
    expect(
      urlencode([
        ['a', 1],
        ['b', 'x y'],
      ]),
    ).toBe(expected)
    expect(urlencode(new URLSearchParams(expected))).toBe(expected)
    expect(urlencode({ __proto__: null, __proto__x: 1 } as Record<string, unknown>)).toBe('__proto__x=1')
  })

  it('converts values with String(), and sends each element of an iterable with doseq', () => {
    expect(urlencode({ n: 1, t: true, l: ['a', 'b'] })).toBe('n=1&t=true&l=a%2Cb')
    expect(urlencode({ l: ['a', 'b'], s: new Set(['c']), e: [], str: 'xy' }, { doseq: true })).toBe(
      'l=a&l=b&s=c&str=xy',
    )
    expect(urlencode({ bytes: new Uint8Array([0xff, 0x20, 0x41]) }, { doseq: true })).toBe('bytes=%FF+A')
  })

  it('throws a TypeError for data that is not a mapping or pairs', () => {
    expect(() => urlencode('a=1' as never)).toThrow(TypeError)
    expect(() => urlencode(null as never)).toThrow(/got null/)
    expect(() => urlencode([['a', '1', 'extra']] as never)).toThrow(/entry 0 must be a \[name, value\] pair/)
    expect(() => urlencode({}, { doseq: 'yes' as never })).toThrow(/options\.doseq/)
  })
})

describe('quotePlus(string, safe)', () => {
  it('is undone by unquotePlus for every well-formed string', () => {
    // `%` and `+` listed as safe would stay literal and so change meaning: that is on the caller.
    const safe = fc.string({ maxLength: 5 }).filter((chars) => !/[%+]/.test(chars))
    fc.assert(
      fc.property(text, safe, (s, chars) => {
        expect(unquotePlus(quotePlus(s, chars))).toBe(s)
      }),
    )
  })

  it('returns the string itself when nothing needs escaping', () => {
    expect(quotePlus('abc-._~XYZ09')).toBe('abc-._~XYZ09')
    expect(quotePlus('')).toBe('')
  })

  it('encodes bytes as they are', () => {
    expect(quotePlus(new Uint8Array([0xc3, 0xa9, 0x20, 0x2b]))).toBe('%C3%A9+%2B')
  })

  it('throws a RangeError for a lone surrogate, which has no UTF-8 form', () => {
    expect(() => quotePlus('a\ud800b')).toThrow(
      new RangeError('quotePlus(): lone surrogate U+D800 at index 1 has no UTF-8 form'),
    )
    expect(() => quotePlus('\udc00')).toThrow(RangeError)
  })
})

describe('unquotePlus(string)', () => {
  it('throws a TypeError for a non-string', () => {
    expect(() => unquotePlus(1 as never)).toThrow(new TypeError('unquotePlus(): string must be a string, got number'))
  })
})
