import { CookieJar } from '@tsgi/test'
import { afterEach, describe, expect, it, vi } from 'vitest'

const at = (url: string) => new URL(url)

describe('CookieJar', () => {
  afterEach(() => vi.useRealTimers())

  it('keeps a host-only cookie for its host alone, and a Domain cookie for subdomains too', () => {
    const jar = new CookieJar()
    jar.store('host=1', at('http://example.com/'))
    jar.store('wide=2; Domain=.Example.com', at('http://example.com/'))
    expect(jar.header(at('http://example.com/'))).toBe('host=1; wide=2')
    expect(jar.header(at('http://www.example.com/'))).toBe('wide=2')
    expect(jar.header(at('http://notexample.com/'))).toBeUndefined()
  })

  it('refuses a Domain that does not cover the host', () => {
    const jar = new CookieJar()
    expect(jar.store('a=1; Domain=other.com', at('http://example.com/'))).toBe(false)
    expect(jar.store('a=1; Domain=www.example.com', at('http://example.com/'))).toBe(false)
    expect(jar.all()).toEqual([])
  })

  it('matches paths on segment boundaries and defaults the path to the directory of the request', () => {
    const jar = new CookieJar()
    jar.store('app=1; Path=/app', at('http://localhost/'))
    jar.store('dir=2', at('http://localhost/docs/page'))
    expect(jar.header(at('http://localhost/app/x'))).toBe('app=1')
    expect(jar.header(at('http://localhost/apple'))).toBeUndefined()
    expect(jar.header(at('http://localhost/docs/other'))).toBe('dir=2')
    expect(jar.header(at('http://localhost/'))).toBeUndefined()
  })

  it('sends longer paths first', () => {
    const jar = new CookieJar()
    jar.store('a=root; Path=/', at('http://localhost/'))
    jar.store('a=deep; Path=/x/y', at('http://localhost/'))
    expect(jar.header(at('http://localhost/x/y/z'))).toBe('a=deep; a=root')
  })

  it('replaces a cookie by name, domain and path, and deletes it with an expiry in the past', () => {
    const jar = new CookieJar()
    jar.store('a=1', at('http://localhost/'))
    jar.store('a=2', at('http://localhost/'))
    expect(jar.header(at('http://localhost/'))).toBe('a=2')
    jar.store('a=; Max-Age=0', at('http://localhost/'))
    expect(jar.header(at('http://localhost/'))).toBeUndefined()
    jar.store('b=1', at('http://localhost/'))
    jar.store('b=; Expires=Thu, 01 Jan 1970 00:00:00 GMT', at('http://localhost/'))
    expect(jar.get('b')).toBeUndefined()
  })

  it('lets Max-Age win over Expires and forgets a cookie once it expired', () => {
    vi.useFakeTimers({ now: Date.UTC(2030, 0, 1) })
    const jar = new CookieJar()
    jar.store('a=1; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT', at('http://localhost/'))
    expect(jar.get('a')).toBe('1')
    vi.advanceTimersByTime(61_000)
    expect(jar.header(at('http://localhost/'))).toBeUndefined()
  })

  it('takes Secure cookies only from https and sends them only to https', () => {
    const jar = new CookieJar()
    expect(jar.store('s=1; Secure', at('http://localhost/'))).toBe(false)
    jar.store('s=1; Secure', at('https://localhost/'))
    expect(jar.header(at('http://localhost/'))).toBeUndefined()
    expect(jar.header(at('https://localhost/'))).toBe('s=1')
  })

  it('enforces the __Secure- and __Host- prefixes', () => {
    const jar = new CookieJar()
    expect(jar.store('__Secure-a=1', at('https://localhost/'))).toBe(false)
    expect(jar.store('__Host-a=1; Secure; Path=/app', at('https://localhost/'))).toBe(false)
    expect(jar.store('__Host-a=1; Secure; Path=/; Domain=localhost', at('https://localhost/'))).toBe(false)
    expect(jar.store('__Host-a=1; Secure; Path=/', at('https://localhost/'))).toBe(true)
  })

  it('keeps the value as sent, without decoding it', () => {
    const jar = new CookieJar()
    jar.store('a=hello%20world', at('http://localhost/'))
    expect(jar.header(at('http://localhost/'))).toBe('a=hello%20world')
  })
})
