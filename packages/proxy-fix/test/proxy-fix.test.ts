import { type App, applicationUri, type Environ, requestUri } from '@tsgi/core'
import { fromFetchHandler, toFetchHandler } from '@tsgi/fetch'
import { proxyFix } from '@tsgi/proxy-fix'
import { mount } from '@tsgi/router'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'

const encoder = new TextEncoder()

/** Answers with what the app saw, as JSON. */
const echo: App = (environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'application/json']])
  const seen = {
    REMOTE_ADDR: environ.REMOTE_ADDR,
    scheme: environ['tsgi.url_scheme'],
    HTTP_HOST: environ.HTTP_HOST,
    SERVER_NAME: environ.SERVER_NAME,
    SERVER_PORT: environ.SERVER_PORT,
    SCRIPT_NAME: environ.SCRIPT_NAME,
    url: requestUri(environ),
    root: applicationUri(environ),
    orig: environ['tsgi.proxy_fix.orig'] ?? null,
  }
  return [encoder.encode(JSON.stringify(seen))]
}

/** The direct peer of the request, as a server on another socket would set it. */
const from =
  (address: string, app: App): App =>
  (environ, startResponse) =>
    app({ ...environ, REMOTE_ADDR: address }, startResponse)

type Seen = {
  REMOTE_ADDR: string
  scheme: string
  HTTP_HOST: string
  SERVER_NAME: string
  SERVER_PORT: string
  SCRIPT_NAME: string
  url: string
  root: string
  orig: Record<string, string> | null
}

async function seen(app: App, headers: Record<string, string>, path = '/x?q=1') {
  const response = await request(app, { path, headers })
  return { ...response.json<Seen>(), errors: response.errors }
}

describe('proxyFix(app, options)', () => {
  it('takes the client address and scheme from one trusted proxy by default', async () => {
    const result = await seen(proxyFix(echo), { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' })
    expect(result.REMOTE_ADDR).toBe('203.0.113.7')
    expect(result.scheme).toBe('https')
    expect(result.url).toBe('https://localhost/x?q=1')
    expect(result.orig).toMatchObject({ REMOTE_ADDR: '127.0.0.1', 'tsgi.url_scheme': 'http' })
  })

  it('uses the value as many places from the right as proxies are trusted, ignoring spoofed ones to its left', async () => {
    // The client sent "6.6.6.6" itself; two proxies appended what they saw.
    const headers = { 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.0.0.2' }
    expect((await seen(proxyFix(echo, { for: 2 }), headers)).REMOTE_ADDR).toBe('203.0.113.7')
    expect((await seen(proxyFix(echo, { for: 1 }), headers)).REMOTE_ADDR).toBe('10.0.0.2')
    const proto = { 'x-forwarded-proto': 'https, http' }
    expect((await seen(proxyFix(echo), proto)).scheme).toBe('http')
  })

  it('ignores a header with fewer values than proxies trusted', async () => {
    const result = await seen(proxyFix(echo, { for: 2 }), { 'x-forwarded-for': '203.0.113.7' })
    expect(result.REMOTE_ADDR).toBe('127.0.0.1')
    expect(result.orig).toBeNull()
  })

  it('believes nothing from a peer that is not trusted', async () => {
    const headers = { 'x-forwarded-for': '6.6.6.6', 'x-forwarded-proto': 'https' }
    const result = await seen(from('198.51.100.9', proxyFix(echo)), headers)
    expect(result).toMatchObject({ REMOTE_ADDR: '198.51.100.9', scheme: 'http', orig: null })
  })

  it('trusts the private ranges and loopback by default, in IPv4 and IPv6 forms', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.7' }
    for (const peer of ['10.1.2.3', '172.16.0.1', '192.168.1.1', '::1', '::ffff:127.0.0.1', 'fd00::1']) {
      expect((await seen(from(peer, proxyFix(echo)), headers)).REMOTE_ADDR).toBe('203.0.113.7')
    }
    for (const peer of ['172.32.0.1', '8.8.8.8', '2001:db8::1', '']) {
      expect((await seen(from(peer, proxyFix(echo)), headers)).REMOTE_ADDR).toBe(peer)
    }
  })

  it('trusts exactly the given addresses and CIDR ranges', async () => {
    const app = proxyFix(echo, { trusted: ['198.51.100.0/24', '2001:db8::5'] })
    const headers = { 'x-forwarded-for': '203.0.113.7' }
    expect((await seen(from('198.51.100.200', app), headers)).REMOTE_ADDR).toBe('203.0.113.7')
    expect((await seen(from('2001:db8::5', app), headers)).REMOTE_ADDR).toBe('203.0.113.7')
    expect((await seen(from('2001:db8::6', app), headers)).REMOTE_ADDR).toBe('2001:db8::6')
    expect((await seen(from('127.0.0.1', app), headers)).REMOTE_ADDR).toBe('127.0.0.1')
  })

  it('rewrites the host, server name and port, and the URL rebuilt from them', async () => {
    const app = proxyFix(echo, { host: 1 })
    const result = await seen(app, { 'x-forwarded-host': 'example.com:8443', 'x-forwarded-proto': 'https' })
    expect(result).toMatchObject({ HTTP_HOST: 'example.com:8443', SERVER_NAME: 'example.com', SERVER_PORT: '8443' })
    expect(result.url).toBe('https://example.com:8443/x?q=1')
    const bare = await seen(app, { 'x-forwarded-host': 'example.com', 'x-forwarded-proto': 'https' })
    expect(bare).toMatchObject({ SERVER_PORT: '443', url: 'https://example.com/x?q=1' })
    expect(bare.orig).toMatchObject({ HTTP_HOST: 'localhost', SERVER_NAME: 'localhost', SERVER_PORT: '80' })
  })

  it('puts X-Forwarded-Port on the host and SERVER_PORT', async () => {
    const result = await seen(proxyFix(echo, { port: 1 }), { 'x-forwarded-port': '8080' })
    expect(result).toMatchObject({
      HTTP_HOST: 'localhost:8080',
      SERVER_PORT: '8080',
      url: 'http://localhost:8080/x?q=1',
    })
  })

  it('puts a clean X-Forwarded-Prefix in front of SCRIPT_NAME', async () => {
    const result = await seen(proxyFix(echo, { prefix: 1 }), { 'x-forwarded-prefix': '/shop/' })
    expect(result).toMatchObject({
      SCRIPT_NAME: '/shop',
      root: 'http://localhost/shop',
      url: 'http://localhost/shop/x?q=1',
    })
  })

  it('leaves a malformed value unchanged and logs it to tsgi.errors', async () => {
    const app = proxyFix(echo, { host: 1, port: 1, prefix: 1 })
    const cases: [string, string][] = [
      ['x-forwarded-for', 'not-an-ip'],
      ['x-forwarded-for', '127.1'],
      ['x-forwarded-proto', 'javascript'],
      ['x-forwarded-host', 'evil.com/path'],
      ['x-forwarded-host', 'a.com:99999'],
      ['x-forwarded-port', '-1'],
      ['x-forwarded-port', '0'],
      ['x-forwarded-prefix', '/a/../admin'],
      ['x-forwarded-prefix', 'relative'],
      ['x-forwarded-prefix', '//evil.com'],
      ['x-forwarded-prefix', '/a%2Fb'],
      // Known bypasses of prefix checks in other stacks: many slashes, encoded dots, backslashes, markup.
      ['x-forwarded-prefix', '///evil.com'],
      ['x-forwarded-prefix', '/%2e%2e/admin'],
      ['x-forwarded-prefix', '/\\evil.com'],
      ['x-forwarded-prefix', '/"><script>'],
      ['x-forwarded-host', 'user@evil.com'],
    ]
    for (const [header, value] of cases) {
      const result = await seen(app, { [header]: value })
      expect(result, `${header}: ${value}`).toMatchObject({
        REMOTE_ADDR: '127.0.0.1',
        scheme: 'http',
        HTTP_HOST: 'localhost',
        SCRIPT_NAME: '',
        orig: null,
      })
      expect(result.errors).toContain('proxyFix(): ignored a malformed')
      expect(result.errors).toContain(JSON.stringify(value))
    }
  })

  it('escapes a logged value, so it cannot forge a log line', async () => {
    const result = await seen(proxyFix(echo, { host: 1 }), { 'x-forwarded-host': 'a\tb' })
    expect(result.errors.trimEnd()).not.toContain('\t')
    expect(result.errors.split('\n')).toHaveLength(2)
  })

  it('accepts addresses with ports and brackets as proxies send them', async () => {
    for (const [value, address] of [
      ['192.0.2.1:4711', '192.0.2.1'],
      ['[2001:db8::1]:4711', '2001:db8::1'],
      ['[2001:db8::1]', '2001:db8::1'],
      ['2001:db8::1', '2001:db8::1'],
    ]) {
      expect((await seen(proxyFix(echo), { 'x-forwarded-for': value as string })).REMOTE_ADDR).toBe(address)
    }
  })

  it('reads RFC 7239 Forwarded instead of X-Forwarded-* when asked', async () => {
    const app = proxyFix(echo, { forwarded: true, host: 1 })
    const headers = {
      forwarded: 'for=6.6.6.6;proto=http, for="[2001:db8:cafe::17]:4711";proto=https;host="example.com:8443"',
      'x-forwarded-for': '192.0.2.99',
    }
    const result = await seen(app, headers)
    expect(result).toMatchObject({ REMOTE_ADDR: '2001:db8:cafe::17', scheme: 'https', HTTP_HOST: 'example.com:8443' })
    expect((await seen(app, { forwarded: 'for=unknown;proto=https' })).REMOTE_ADDR).toBe('127.0.0.1')
    expect((await seen(app, { forwarded: 'for=_hidden' })).errors).toBe('')
  })

  it('ignores and logs a Forwarded field that does not parse', async () => {
    const app = proxyFix(echo, { forwarded: true })
    for (const field of ['for', 'for="unterminated', 'for=a b', 'for=1.2.3.4;for=5.6.7.8', 'for=1.2.3.4;;']) {
      const result = await seen(app, { forwarded: field })
      expect(result.REMOTE_ADDR, field).toBe('127.0.0.1')
      expect(result.errors, field).toContain('ignored a malformed Forwarded value')
    }
  })

  it('never changes the environ it was given', async () => {
    let outer: Environ | undefined
    const app = proxyFix(echo, { host: 1, prefix: 1 })
    const spy: App = (environ, startResponse) => {
      outer = environ
      const before = { ...environ }
      const body = app(environ, startResponse)
      expect(environ).toEqual(before)
      return body
    }
    const headers = { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-host': 'example.com', 'x-forwarded-prefix': '/p' }
    await request(spy, { path: '/', headers })
    expect(outer?.REMOTE_ADDR).toBe('127.0.0.1')
    expect(outer?.['tsgi.proxy_fix.orig']).toBeUndefined()
  })

  it('rejects bad options when it is built', () => {
    expect(() => proxyFix('app' as unknown as App)).toThrow(/app must be a function, got/)
    expect(() => proxyFix(echo, { for: -1 })).toThrow(RangeError)
    expect(() => proxyFix(echo, { proto: 1.5 })).toThrow(/options.proto must be an integer/)
    expect(() => proxyFix(echo, { host: '1' as unknown as number })).toThrow(TypeError)
    expect(() => proxyFix(echo, { trusted: ['10.0.0.0/33'] })).toThrow(/options.trusted entries/)
    expect(() => proxyFix(echo, { trusted: '10.0.0.1' as unknown as string[] })).toThrow(/options.trusted must be/)
    expect(() => proxyFix(echo, { forwarded: 'yes' as unknown as boolean })).toThrow(/options.forwarded/)
  })
})

describe('proxyFix and fromFetchHandler', () => {
  it('restores the mount prefix that fromFetchHandler sends as x-forwarded-prefix', async () => {
    // tsgi → fetch handler (prefix stripped, sent in x-forwarded-prefix) → tsgi again.
    const inner = toFetchHandler(proxyFix(echo, { prefix: 1, trusted: ['192.0.2.1'] }), {
      remoteAddress: () => ({ address: '192.0.2.1' }),
    })
    const outer = mount('/api', fromFetchHandler(inner, { stripPrefix: true }))
    const response = await request(outer, { path: '/api/x?q=1' })
    const result = response.json<Seen>()
    expect(result).toMatchObject({
      SCRIPT_NAME: '/api',
      root: 'http://localhost/api',
      url: 'http://localhost/api/x?q=1',
    })
  })

  it('hands a prefix it restored on to a fetch handler in x-forwarded-prefix', async () => {
    // A proxy cut /shop off; proxyFix puts it back in SCRIPT_NAME, and the fetch handler is told.
    const handler = (req: Request): Response =>
      Response.json({ prefix: req.headers.get('x-forwarded-prefix'), url: req.url })
    const app = proxyFix(fromFetchHandler(handler), { prefix: 1 })
    const response = await request(app, { path: '/cart', headers: { 'x-forwarded-prefix': '/shop' } })
    expect(response.json()).toEqual({ prefix: '/shop', url: 'http://localhost/shop/cart' })
  })
})
