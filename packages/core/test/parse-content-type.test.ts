import { parseContentType } from '@tsgi/core'
import fc from 'fast-check'
import { safeParse } from 'fast-content-type-parse'
import { describe, expect, it } from 'vitest'

const plain = (value: string) => {
  const parsed = parseContentType(value)
  return parsed && { type: parsed.type, parameters: { ...parsed.parameters } }
}

describe('parseContentType(value)', () => {
  it('lower-cases the type, subtype and parameter names, and keeps values as sent', () => {
    expect(plain('Text/HTML; Charset=UTF-8')).toEqual({ type: 'text/html', parameters: { charset: 'UTF-8' } })
    expect(plain('  multipart/form-data ;\tboundary=----Xy  ')).toEqual({
      type: 'multipart/form-data',
      parameters: { boundary: '----Xy' },
    })
  })

  it('reads a quoted value whole, so a quoted ";" or "=" is not a separator', () => {
    expect(plain('multipart/form-data; boundary="a;charset=latin1"; charset=utf-8')).toEqual({
      type: 'multipart/form-data',
      parameters: { boundary: 'a;charset=latin1', charset: 'utf-8' },
    })
  })

  it('resolves backslash escapes in a quoted-string and allows an empty one', () => {
    expect(plain('a/b; x="q\\"uo\\\\te"; y=""')?.parameters).toEqual({ x: 'q"uo\\te', y: '' })
  })

  it('allows empty parameters', () => {
    expect(plain('a/b;;  ; c=d;')?.parameters).toEqual({ c: 'd' })
  })

  it('returns a null-prototype record, so __proto__ is only data', () => {
    const parsed = parseContentType('a/b; __proto__=x; constructor=y')!
    expect(Object.getPrototypeOf(parsed.parameters)).toBe(null)
    expect(Object.keys(parsed.parameters)).toEqual(['__proto__', 'constructor'])
  })

  it('returns undefined for anything outside the grammar', () => {
    for (const bad of [
      '',
      'text',
      'text/',
      '/html',
      'text/html x',
      'te xt/html',
      'a/b; c',
      'a/b; c=',
      'a/b; =d',
      'a/b; c="unterminated',
      'a/b; c="bad\u0001"',
      'a/b; c="trailing\\',
      'a/b; c=d e',
      'a/b; c="d"e',
      'a/b; c=é',
      'a/b; c="\u0100"',
      'a/b; boundary=x; Boundary=y',
    ]) {
      expect(parseContentType(bad), bad).toBeUndefined()
    }
    expect(parseContentType(42 as unknown as string)).toBeUndefined()
  })

  it('takes time linear in the input on inputs that make backtracking parsers slow', () => {
    // No timing: the result must be right for a 1 MB value with many escapes and separators.
    const escapes = '\\"'.repeat(200_000)
    expect(parseContentType(`a/b; x="${escapes}"`)?.parameters.x).toBe('"'.repeat(200_000))
    expect(parseContentType(`a/b${';'.repeat(500_000)} x`)).toBeUndefined()
  })

  it('agrees with fast-content-type-parse on random media types without repeated names', () => {
    const token = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,8}$/)
    const quoted = fc
      .string({ unit: fc.constantFrom('a', ' ', ';', '=', '\\"', '\\\\', '\t', '\u00e9', ',', '\u0001'), maxLength: 8 })
      .map((s) => `"${s}"`)
    const ows = fc.constantFrom('', ' ', '\t', '  ')
    const parameter = fc
      .tuple(token, fc.oneof(token, quoted, fc.constant(''), fc.constant('"open')))
      .map(([name, value]) => `${name}=${value}`)
    const mediaType = fc
      .tuple(token, token, fc.array(fc.tuple(ows, ows, fc.oneof(parameter, fc.constant(''))), { maxLength: 4 }), ows)
      .map(
        ([type, subtype, params, end]) =>
          `${type}/${subtype}${params.map(([a, b, p]) => `${a};${b}${p}`).join('')}${end}`,
      )
    fc.assert(
      fc.property(mediaType, (value) => {
        const names = [...value.matchAll(/;[ \t]*([^=;\s]+)=/g)].map((m) => m[1]!.toLowerCase())
        fc.pre(new Set(names).size === names.length)
        const theirs = safeParse(value)
        const ours = plain(value)
        expect(ours ?? { type: '', parameters: {} }).toEqual({
          type: theirs.type,
          parameters: { ...theirs.parameters },
        })
      }),
      { seed: 1613, numRuns: 2000 },
    )
  })
})
