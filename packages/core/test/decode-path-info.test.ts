import { BadRequest, decodePathInfo, HTTPError, isHTTPError } from '@tsgi/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { pathCases } from './cases.js'

function caught(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('decodePathInfo(rawPath, options)', () => {
  for (const mode of ['reject', 'keep'] as const) {
    describe(`with encodedSlashes '${mode}'`, () => {
      it.each(pathCases.map((c) => [c.why, c.raw, c[mode]] as const))('decodes %s', (_why, raw, expected) => {
        if (expected === 400) {
          const error = caught(() => decodePathInfo(raw, { encodedSlashes: mode }))
          expect(error).toBeInstanceOf(BadRequest)
          expect(error).toBeInstanceOf(HTTPError)
          expect(isHTTPError(error)).toBe(true)
          expect((error as BadRequest).status).toBe(400)
          expect((error as BadRequest).expose).toBe(true)
          expect((error as BadRequest).message).toMatch(/^Bad request path: /)
        } else {
          expect(decodePathInfo(raw, { encodedSlashes: mode })).toBe(expected)
        }
      })
    })
  }

  it("defaults to encodedSlashes 'reject'", () => {
    expect(() => decodePathInfo('/a%2Fb')).toThrow(BadRequest)
    expect(decodePathInfo('/a%25b')).toBe('/a%b')
  })

  it('returns the very string it got on the fast path', () => {
    const raw = `/${'segment/'.repeat(10)}`
    expect(decodePathInfo(raw)).toBe(raw)
  })

  it('names the reason in the message without echoing the path, and keeps the path as the cause', () => {
    const error = caught(() => decodePathInfo('/secret%00')) as BadRequest
    expect(error.message).toBe('Bad request path: it contains %00')
    expect(error.cause).toBe('/secret%00')
    expect((caught(() => decodePathInfo('/a%zz')) as Error).message).toMatch(/malformed percent-escape at offset 2/)
    expect((caught(() => decodePathInfo('/%FF')) as Error).message).toMatch(/not valid UTF-8/)
    expect((caught(() => decodePathInfo('/%2e%2e')) as Error).message).toMatch(/encoded dot segment/)
    expect((caught(() => decodePathInfo('/a%2f')) as Error).message).toMatch(/encoded slash/)
  })

  it('throws a TypeError naming rawPath and what it got for a non-string', () => {
    expect(() => decodePathInfo(undefined as never)).toThrow(
      new TypeError('decodePathInfo(): rawPath must be a string, got undefined'),
    )
    expect(() => decodePathInfo(42 as never)).toThrow(/rawPath must be a string, got 42/)
    expect(() => decodePathInfo(new Uint8Array(3) as never)).toThrow(/got a Uint8Array of 3 bytes/)
  })

  it('throws a TypeError naming options.encodedSlashes and what it got for a bad mode', () => {
    expect(() => decodePathInfo('/', { encodedSlashes: 'decode' as never })).toThrow(
      new TypeError(`decodePathInfo(): options.encodedSlashes must be 'reject' or 'keep', got "decode"`),
    )
    expect(() => decodePathInfo('/', { encodedSlashes: true as never })).toThrow(TypeError)
    expect(() => decodePathInfo('/', null as never)).toThrow(/options must be an object, got null/)
    expect(() => decodePathInfo('/', 'keep' as never)).toThrow(/options must be an object, got "keep"/)
  })

  it('checks its arguments even on the fast path', () => {
    expect(() => decodePathInfo('/', { encodedSlashes: 'KEEP' as never })).toThrow(TypeError)
  })

  describe('on arbitrary input', () => {
    const alphabet = fc.constantFrom(
      '/',
      '%',
      '.',
      '0',
      '2',
      '5',
      'e',
      'E',
      'f',
      'F',
      'C',
      '3',
      'A',
      'z',
      'a',
      '\u00c3',
    )
    const raw = fc.array(alphabet, { maxLength: 16 }).map((chars) => `/${chars.join('')}`)

    it('refuses every % not followed by two hex digits, and decodes a valid path as decodeURIComponent does', () => {
      fc.assert(
        fc.property(raw, (path) => {
          let result: string | undefined
          try {
            result = decodePathInfo(path)
          } catch (error) {
            expect(error).toBeInstanceOf(BadRequest)
          }
          if (/%(?![0-9A-Fa-f]{2})/.test(path)) expect(result).toBeUndefined()
          if (result === undefined) return
          expect(result).not.toContain('\0')
          // A raw byte above 0x7F is Latin-1 for a UTF-8 byte, so escape it before comparing.
          const escaped = path.replace(/[\u0080-\u00ff]/g, (char) => `%${char.charCodeAt(0).toString(16)}`)
          expect(result).toBe(decodeURIComponent(escaped))
          for (const segment of result.split('/')) {
            if (segment === '.' || segment === '..') expect(path.split('/')).toContain(segment)
          }
        }),
        { numRuns: 2000 },
      )
    })
  })

  describe('round trip', () => {
    // Any Unicode scalar values but NUL (always a 400); surrogates cannot be encoded.
    const anySegment = fc.string({ unit: 'grapheme-composite', maxLength: 8 }).filter((s) => !s.includes('\0'))
    // In 'reject' mode a segment must not hold '/', whose escape is refused.
    const segment = anySegment.filter((s) => !s.includes('/'))
    const segments = fc.array(segment, { maxLength: 6 })

    it('decodes encodeURIComponent of each segment back to the segments', () => {
      fc.assert(
        fc.property(segments, (parts) => {
          const raw = `/${parts.map(encodeURIComponent).join('/')}`
          expect(decodePathInfo(raw)).toBe(`/${parts.join('/')}`)
        }),
      )
    })

    it("keeps %2F and %25 as escapes under 'keep' and decodes everything else", () => {
      fc.assert(
        fc.property(fc.array(anySegment, { maxLength: 6 }), (parts) => {
          const raw = `/${parts.map(encodeURIComponent).join('/')}`
          const expected = `/${parts.map((part) => part.replaceAll('%', '%25').replaceAll('/', '%2F')).join('/')}`
          expect(decodePathInfo(raw, { encodedSlashes: 'keep' })).toBe(expected)
        }),
      )
    })
  })
})
