import { BadRequest, bodyTooLarge, decodeRequestTarget, environKey, PayloadTooLarge } from '@tsgi/core'
import { describe, expect, it } from 'vitest'

describe('decodeRequestTarget(method, rawPath, options)', () => {
  it('drops the origin of the absolute form, "/" when it has no path (RFC 9112 §3.2.2)', () => {
    expect(decodeRequestTarget('GET', 'http://example.com/caf%C3%A9')).toBe('/café')
    expect(decodeRequestTarget('GET', 'HTTPS://example.com:8443')).toBe('/')
  })

  it('keeps the asterisk form for OPTIONS alone (spec §2.5.3.1)', () => {
    expect(decodeRequestTarget('OPTIONS', '*')).toBe('*')
    expect(() => decodeRequestTarget('GET', '*')).toThrow(BadRequest)
  })

  it('refuses what decodePathInfo refuses, with a 400', () => {
    expect(() => decodeRequestTarget('GET', 'ftp://x/y')).toThrow(BadRequest)
    expect(() => decodeRequestTarget('GET', '/a/%2e%2e/b')).toThrow(BadRequest)
    expect(decodeRequestTarget('GET', '/a%2Fb', { encodedSlashes: 'keep' })).toBe('/a%2Fb')
  })

  it('throws a TypeError naming method for a method that is not a string', () => {
    expect(() => decodeRequestTarget(1 as unknown as string, '/')).toThrow(/method must be a string, got 1/)
  })
})

describe('environKey(name)', () => {
  it('maps header names as spec §2.2.5 and §2.3 say', () => {
    expect(environKey('Content-Type')).toBe('CONTENT_TYPE')
    expect(environKey('content-length')).toBe('CONTENT_LENGTH')
    expect(environKey('X-Request-Id')).toBe('HTTP_X_REQUEST_ID')
    expect(environKey('x_forwarded')).toBeNull()
  })
})

describe('bodyTooLarge(limit)', () => {
  it('is the one 413 wording', () => {
    const error = bodyTooLarge(1024)
    expect(error).toBeInstanceOf(PayloadTooLarge)
    expect(error.status).toBe(413)
    expect(error.message).toBe('The request body is larger than 1024 bytes')
  })
})
