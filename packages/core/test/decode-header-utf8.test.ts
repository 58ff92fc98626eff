import { decodeHeaderUtf8 } from '@tsgi/core'
import { describe, expect, it } from 'vitest'

/** A string as a server delivers header bytes: one Latin-1 code unit per byte. */
const latin1 = (bytes: Uint8Array): string => String.fromCharCode(...bytes)

describe('decodeHeaderUtf8(value)', () => {
  it('turns UTF-8 bytes delivered as Latin-1 code units back into the text', () => {
    const text = 'café ☃ 𝄞'
    expect(decodeHeaderUtf8(latin1(new TextEncoder().encode(text)))).toBe(text)
  })

  it('returns an ASCII value unchanged', () => {
    expect(decodeHeaderUtf8('text/plain; q=0.5')).toBe('text/plain; q=0.5')
    expect(decodeHeaderUtf8('')).toBe('')
  })

  it('replaces invalid UTF-8 with U+FFFD instead of throwing', () => {
    // 'caf\xe9' is Latin-1 é, a lone lead byte in UTF-8.
    expect(decodeHeaderUtf8('caf\u00e9')).toBe('caf\ufffd')
    expect(decodeHeaderUtf8('\u00c3(')).toBe('\ufffd(')
  })

  it('keeps a byte-order mark', () => {
    expect(decodeHeaderUtf8('\u00ef\u00bb\u00bfa')).toBe('\ufeffa')
  })

  it('refuses a string that is not Latin-1 and a non-string', () => {
    expect(() => decodeHeaderUtf8('snow\u2603')).toThrow(RangeError)
    expect(() => decodeHeaderUtf8(42 as unknown as string)).toThrow(/value must be a string, got/)
  })
})
