import { deleteCookie, serializeCookie, setCookie } from '@tsgi/cookies'
import { describe, expect, it } from 'vitest'

describe('serializeCookie', () => {
  it('defaults to Path=/, HttpOnly and SameSite=Lax and percent-encodes the value', () => {
    expect(serializeCookie('theme', 'dark mode;x')).toBe('theme=dark%20mode%3Bx; Path=/; HttpOnly; SameSite=Lax')
  })

  it('writes every attribute it is given', () => {
    const header = serializeCookie('id', '1', {
      domain: 'example.com',
      path: '/app',
      maxAge: 60,
      expires: new Date(Date.UTC(2030, 0, 1)),
      httpOnly: false,
      secure: true,
      sameSite: 'none',
      partitioned: true,
      priority: 'high',
    })
    expect(header).toBe(
      'id=1; Max-Age=60; Domain=example.com; Path=/app; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Secure; Partitioned; Priority=High; SameSite=None',
    )
  })

  // CVE-2024-47764 (GHSA-pxg6-pf52-xh8x): a name, path or domain taken from input added attributes.
  it.each([
    ["userName=<script>alert('XSS3')</script>; Max-Age=2592000; a", {}],
    ['a;b', {}],
    ['a b', {}],
    ['', {}],
    ['ok', { path: '/; Domain=evil.example' }],
    ['ok', { path: '/\r\nSet-Cookie: x=1' }],
    ['ok', { domain: 'example.com; Path=/admin' }],
    ['ok', { domain: 'exa mple.com' }],
  ] as const)('rejects the name %j with %j instead of letting it add attributes', (name, options) => {
    expect(() => serializeCookie(name, 'v', options)).toThrow(TypeError)
  })

  it('names the argument and the value in its errors', () => {
    expect(() => serializeCookie('a;b', 'v')).toThrow('serializeCookie(): name must be a token, got "a;b"')
    expect(() => serializeCookie('a', 'v', { maxAge: 1.5 })).toThrow(
      "serializeCookie('a'): options.maxAge must be an integer number of seconds, got 1.5",
    )
    expect(() => serializeCookie('a', 'v', { sameSite: 'Lax' as never })).toThrow(/options.sameSite/)
    expect(() => serializeCookie('a', 'v', { expires: new Date(Number.NaN) })).toThrow(/options.expires/)
    expect(() => serializeCookie('a', 'v', { priority: 'urgent' as never })).toThrow(/options.priority/)
    expect(() => serializeCookie('a', 1 as never)).toThrow(/value must be a string, got 1/)
    expect(() => serializeCookie('a', '\ud800')).toThrow(TypeError) // a lone surrogate cannot be percent-encoded
  })

  it('requires Secure for SameSite=None, Partitioned and the __Secure- and __Host- prefixes', () => {
    expect(() => serializeCookie('a', 'v', { sameSite: 'none' })).toThrow(/SameSite=None requires options.secure/)
    expect(() => serializeCookie('a', 'v', { partitioned: true })).toThrow(/Partitioned requires options.secure/)
    expect(() => serializeCookie('__Secure-id', 'v')).toThrow(/__Secure- prefix requires options.secure/)
    expect(() => serializeCookie('__host-id', 'v')).toThrow(/__Host- prefix requires options.secure/)
    expect(serializeCookie('__Secure-id', 'v', { secure: true, domain: 'example.com' })).toContain('Secure')
  })

  it('requires Path=/ and no Domain for the __Host- prefix', () => {
    expect(() => serializeCookie('__Host-id', 'v', { secure: true, path: '/app' })).toThrow(/path '\/' and no domain/)
    expect(() => serializeCookie('__Host-id', 'v', { secure: true, domain: 'example.com' })).toThrow(/no domain/)
    expect(serializeCookie('__Host-id', 'v', { secure: true })).toBe(
      '__Host-id=v; Path=/; HttpOnly; Secure; SameSite=Lax',
    )
  })
})

describe('setCookie and deleteCookie', () => {
  it('return a new header list with one more Set-Cookie, leaving the given one alone', () => {
    const headers = Object.freeze([['content-type', 'text/plain'] as const])
    const next = setCookie(headers, 'a', '1')
    expect(next).toEqual([
      ['content-type', 'text/plain'],
      ['set-cookie', 'a=1; Path=/; HttpOnly; SameSite=Lax'],
    ])
    expect(headers).toHaveLength(1)
  })

  it('deletes with an empty value, Max-Age=0 and an Expires in 1970, on the same path and domain', () => {
    expect(deleteCookie([], 'a', { path: '/app', domain: 'example.com' })).toEqual([
      [
        'set-cookie',
        'a=; Max-Age=0; Domain=example.com; Path=/app; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
      ],
    ])
  })
})
