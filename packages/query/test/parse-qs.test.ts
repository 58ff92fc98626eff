import { isHTTPError } from '@tsgi/core'
import { parseQs, parseQsl, QueryError, unquotePlus } from '@tsgi/query'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

/** Tokens that exercise every branch: separators, `=`, `+`, good, bad and partial escapes, non-ASCII. */
const token = fc.constantFrom(
  'a',
  'b',
  'é',
  '😀',
  '=',
  '&',
  ';',
  '+',
  ' ',
  '%',
  '%2',
  '%41',
  '%zz',
  '%C3',
  '%A9',
  '%E2%82%AC',
  '%F0%9F%98%80',
  '%ED%A0%80',
  '%C0%80',
  '%FF',
  '%80',
  '%EF%BB%BF',
  '%26',
  '%3D',
  '%2B',
  '%25',
)
const queryString = fc.array(token, { maxLength: 30 }).map((tokens) => tokens.join(''))
const asciiQueryString = queryString.filter((qs) => !/[^\x00-\x7f]/.test(qs))

describe('parseQs(qs, options)', () => {
  it('returns a null-prototype object where __proto__ and constructor are ordinary names', () => {
    const result = parseQs('__proto__=x&constructor=y&toString=z&hasOwnProperty=w')
    expect(Object.getPrototypeOf(result)).toBe(null)
    expect(Object.keys(result)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
    expect(Object.getOwnPropertyDescriptor(result, '__proto__')?.value).toEqual(['x'])
    expect(result.constructor).toEqual(['y'])
    expect(result.toString).toEqual(['z'])
  })

  it('leaves Object.prototype unchanged whatever the names', () => {
    const before = Object.getOwnPropertyNames(Object.prototype)
    parseQs('__proto__[polluted]=1&__proto__.polluted=1&constructor[prototype][polluted]=1&__proto__=%7B%7D&polluted=1')
    parseQsl('__proto__=1&prototype=2')
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('gives each name its values in order, as parseQsl lists them', () => {
    fc.assert(
      fc.property(queryString, fc.boolean(), (qs, keepBlankValues) => {
        const pairs = parseQsl(qs, { keepBlankValues })
        const grouped = new Map<string, string[]>()
        for (const [name, value] of pairs) grouped.set(name, [...(grouped.get(name) ?? []), value])
        const result = parseQs(qs, { keepBlankValues })
        expect(Object.keys(result).length).toBe(grouped.size)
        for (const [name, values] of grouped) expect(result[name]).toEqual(values)
      }),
    )
  })

  it('groups repeated names wherever they come, the empty name included', () => {
    const result = parseQs('=1&a=2&=3&a=4&b=5&c=6&d=7&b=8&e=9&e=10&c=11')
    expect(Object.entries(result)).toEqual([
      ['', ['1', '3']],
      ['a', ['2', '4']],
      ['b', ['5', '8']],
      ['c', ['6', '11']],
      ['d', ['7']],
      ['e', ['9', '10']],
    ])
    expect(parseQs('=1&a=2&b=3&c=4&=5')).toEqual({ '': ['1', '5'], a: ['2'], b: ['3'], c: ['4'] })
    expect(parseQs('a=1&b=2&c=3&c=4&b=5&a=6&d=7&a=8')).toEqual({
      a: ['1', '6', '8'],
      b: ['2', '5'],
      c: ['3', '4'],
      d: ['7'],
    })
  })

  it('throws a TypeError for a qs that is not a string', () => {
    expect(() => parseQs(undefined as unknown as string)).toThrow(
      new TypeError('parseQs(): qs must be a string, got undefined'),
    )
  })
})

describe('parseQsl(qs, options)', () => {
  it('answers as the WHATWG urlencoded parser (URLSearchParams) does when blank values are kept', () => {
    // An independent oracle for splitting, `+`, escapes and UTF-8 replacement: with
    // keepBlankValues, Python and WHATWG differ only on a leading `?`, which URLSearchParams drops.
    // ASCII only: Node 20's URLSearchParams loses literal non-ASCII next to a bad escape
    // ('é%ED' gives '\uFFFD\uFFFD'), where Python and WHATWG give 'é\uFFFD' (the fixture covers those).
    fc.assert(
      fc.property(asciiQueryString, (qs) => {
        fc.pre(!qs.startsWith('?'))
        expect(parseQsl(qs, { keepBlankValues: true })).toEqual([...new URLSearchParams(qs)])
      }),
      { numRuns: 2000 },
    )
  })

  it('never throws without strictParsing, and strict mode throws only for a field without =', () => {
    fc.assert(
      fc.property(queryString, (qs) => {
        expect(() => parseQsl(qs)).not.toThrow()
        const bad = qs === '' ? undefined : qs.split('&').find((field) => !field.includes('='))
        if (bad === undefined) expect(() => parseQsl(qs, { strictParsing: true })).not.toThrow()
        else expect(() => parseQsl(qs, { strictParsing: true })).toThrow(QueryError)
      }),
    )
  })

  it('splits on any separator as Python does, whatever its characters (Python 3.11 answers)', () => {
    // Separators above `=` (letters, `€`) and ones the scanner otherwise reads (`%`, `+`).
    expect(parseQsl('a=1€b=%E2%82%AC€€c+d', { separator: '€', keepBlankValues: true })).toEqual([
      ['a', '1'],
      ['b', '€'],
      ['c d', ''],
    ])
    expect(parseQsl('x=1%y=2+3%%z', { separator: '%', keepBlankValues: true })).toEqual([
      ['x', '1'],
      ['y', '2 3'],
      ['z', ''],
    ])
    expect(parseQsl('k=a+b+c=d+e', { separator: '+' })).toEqual([
      ['k', 'a'],
      ['c', 'd'],
    ])
    expect(parseQsl('aab=1abb=ab', { separator: 'ab' })).toEqual([['', '1']])
  })

  it('gives what str.split, the first = and unquote_plus give, for any separator', () => {
    // Python 3.11's parse_qsl written out plainly, as an oracle for the one-pass scanner.
    const reference = (qs: string, separator: string, keep: boolean): Array<[string, string]> => {
      const pairs: Array<[string, string]> = []
      for (const field of qs === '' ? [] : qs.split(separator)) {
        const eq = field.indexOf('=')
        if (field === '' || (eq === -1 && !keep)) continue
        const [name, value] = eq === -1 ? [field, ''] : [field.slice(0, eq), field.slice(eq + 1)]
        if (value !== '' || keep) pairs.push([unquotePlus(name), unquotePlus(value)])
      }
      return pairs
    }
    const separator = fc.constantFrom('&', ';', '=', '%', '+', 'a', '|', '~', '€', '😀', 'ab', '&&', '%2', '==')
    const withSeparators = fc
      .array(fc.oneof(token, fc.constantFrom('|', '~', '€', 'x', 'ab')), { maxLength: 30 })
      .map((tokens) => tokens.join(''))
    fc.assert(
      fc.property(withSeparators, separator, fc.boolean(), (qs, sep, keepBlankValues) => {
        expect(parseQsl(qs, { separator: sep, keepBlankValues })).toEqual(reference(qs, sep, keepBlankValues))
      }),
      { numRuns: 3000 },
    )
  })

  it('throws a 400 QueryError that names the field under strictParsing', () => {
    const error = (() => {
      try {
        parseQsl('a=1&oops&b=2', { strictParsing: true })
      } catch (thrown) {
        return thrown
      }
    })()
    expect(error).toBeInstanceOf(QueryError)
    expect(isHTTPError(error) && error.status).toBe(400)
    expect((error as Error).message).toBe("bad query field: 'oops'")
  })

  it('cuts a very long field in the error message', () => {
    expect(() => parseQsl('x'.repeat(10_000), { strictParsing: true })).toThrow(
      `bad query field: '${'x'.repeat(200)}'…`,
    )
  })

  it('checks maxNumFields before parsing anything', () => {
    // The third field would be a strict-mode error; the count comes first, as in Python.
    expect(() => parseQsl('a=1&b=2&bad', { maxNumFields: 2, strictParsing: true })).toThrow(
      new QueryError('Max number of fields exceeded'),
    )
    expect(parseQsl('a=1&b=2', { maxNumFields: 2 })).toEqual([
      ['a', '1'],
      ['b', '2'],
    ])
  })

  it('rejects malformed options with a TypeError or RangeError naming them', () => {
    expect(() => parseQsl('a=1', { separator: '' })).toThrow(TypeError)
    expect(() => parseQsl('a=1', { separator: 1 as unknown as string })).toThrow(/options\.separator/)
    expect(() => parseQsl('a=1', { maxNumFields: -1 })).toThrow(RangeError)
    expect(() => parseQsl('a=1', { maxNumFields: 1.5 })).toThrow(/options\.maxNumFields/)
    expect(() => parseQsl('a=1', { keepBlankValues: 1 as unknown as boolean })).toThrow(/options\.keepBlankValues/)
    expect(() => parseQsl('a=1', null as unknown as {})).toThrow(/options must be an object/)
    expect(parseQsl('a=1', { maxNumFields: Number.POSITIVE_INFINITY })).toEqual([['a', '1']])
  })
})
