import { isHeaderName, isHeaderValue, isHopByHop } from '@tsgi/core'
import { describe, expect, it } from 'vitest'

describe('isHeaderName(name)', () => {
  it.each(['content-type', 'X-Custom_1', "a!#$%&'*+-.^_`|~z"])('accepts the token %s', (name) => {
    expect(isHeaderName(name)).toBe(true)
  })
  it.each(['', 'bad name', 'colon:', 'caf\u00e9', 'a\r\nb', 42])('refuses %s', (name) => {
    expect(isHeaderName(name)).toBe(false)
  })
})

describe('isHeaderValue(value)', () => {
  it.each(['', 'text/plain; charset=utf-8', 'a\tb', 'caf\u00e9'])('accepts %j', (value) => {
    expect(isHeaderValue(value)).toBe(true)
  })
  it.each(['a\r\nSet-Cookie: x', 'nul\u0000', 'bell\u0007', 'del\u007f', 'snow\u2603', undefined])(
    'refuses %j',
    (value) => {
      expect(isHeaderValue(value)).toBe(false)
    },
  )
})

describe('isHopByHop(name)', () => {
  it('recognises the hop-by-hop and framing headers in any case', () => {
    expect(['Connection', 'keep-alive', 'Transfer-Encoding', 'TE', 'Trailer', 'Upgrade'].every(isHopByHop)).toBe(true)
    expect(isHopByHop('content-length')).toBe(false)
  })
})
