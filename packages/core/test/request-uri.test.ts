import { applicationUri, type Environ, requestUri } from '@tsgi/core'
import { describe, expect, it } from 'vitest'

type UriEnviron = Parameters<typeof requestUri>[0]

function env(overrides: Partial<Environ> = {}): UriEnviron {
  return {
    'tsgi.url_scheme': 'http',
    SERVER_NAME: 'example.com',
    SERVER_PORT: '80',
    SCRIPT_NAME: '',
    PATH_INFO: '/',
    QUERY_STRING: '',
    ...overrides,
  } as UriEnviron
}

describe('requestUri(environ, options)', () => {
  it('prefers HTTP_HOST, port and all, over SERVER_NAME', () => {
    expect(requestUri(env({ HTTP_HOST: 'example.org:8080', SERVER_NAME: 'internal', SERVER_PORT: '3000' }))).toBe(
      'http://example.org:8080/',
    )
  })

  it('falls back to SERVER_NAME and omits the default port of the scheme', () => {
    expect(requestUri(env({ SERVER_PORT: '80' }))).toBe('http://example.com/')
    expect(requestUri(env({ 'tsgi.url_scheme': 'https', SERVER_PORT: '443' }))).toBe('https://example.com/')
  })

  it('adds SERVER_PORT when it is not the default of the scheme', () => {
    expect(requestUri(env({ SERVER_PORT: '8080' }))).toBe('http://example.com:8080/')
    expect(requestUri(env({ 'tsgi.url_scheme': 'https', SERVER_PORT: '80' }))).toBe('https://example.com:80/')
    expect(requestUri(env({ SERVER_PORT: '443' }))).toBe('http://example.com:443/')
  })

  it('adds no colon when SERVER_PORT is empty', () => {
    expect(requestUri(env({ SERVER_PORT: '' }))).toBe('http://example.com/')
  })

  it('puts an IPv6 SERVER_NAME in brackets', () => {
    expect(requestUri(env({ SERVER_NAME: '::1', SERVER_PORT: '8080' }))).toBe('http://[::1]:8080/')
    expect(requestUri(env({ SERVER_NAME: '[::1]', SERVER_PORT: '8080' }))).toBe('http://[::1]:8080/')
  })

  it('appends the raw QUERY_STRING unless includeQuery is false', () => {
    const environ = env({ PATH_INFO: '/search', QUERY_STRING: 'q=a%20b&x' })
    expect(requestUri(environ)).toBe('http://example.com/search?q=a%20b&x')
    expect(requestUri(environ, { includeQuery: true })).toBe('http://example.com/search?q=a%20b&x')
    expect(requestUri(environ, { includeQuery: false })).toBe('http://example.com/search')
  })

  it('adds no ? for an empty query string', () => {
    expect(requestUri(env({ PATH_INFO: '/a', QUERY_STRING: '' }))).toBe('http://example.com/a')
  })

  it('quotes spaces, non-ASCII characters (as UTF-8) and reserved characters in the path', () => {
    expect(requestUri(env({ PATH_INFO: '/a b/café/😀' }))).toBe('http://example.com/a%20b/caf%C3%A9/%F0%9F%98%80')
    expect(requestUri(env({ PATH_INFO: '/a?b#c%d' }))).toBe('http://example.com/a%3Fb%23c%25d')
    expect(requestUri(env({ PATH_INFO: '/a"<>\\^`{|}' }))).toBe('http://example.com/a%22%3C%3E%5C%5E%60%7B%7C%7D')
  })

  it('leaves the characters a path segment may hold as they are', () => {
    const path = "/AZaz09-._~!$&'()*+,;=:@/"
    expect(requestUri(env({ PATH_INFO: path }))).toBe(`http://example.com${path}`)
  })

  it('joins a mount point in SCRIPT_NAME and the rest in PATH_INFO', () => {
    const environ = env({ SCRIPT_NAME: '/app', PATH_INFO: '/users/1', QUERY_STRING: 'x=1' })
    expect(requestUri(environ)).toBe('http://example.com/app/users/1?x=1')
    expect(requestUri(env({ SCRIPT_NAME: '/my app', PATH_INFO: '/é' }))).toBe('http://example.com/my%20app/%C3%A9')
    expect(requestUri(env({ SCRIPT_NAME: '/app', PATH_INFO: '' }))).toBe('http://example.com/app')
  })

  it('gives the root for an empty SCRIPT_NAME and PATH_INFO, as wsgiref does', () => {
    expect(requestUri(env({ PATH_INFO: '' }))).toBe('http://example.com/')
    expect(requestUri(env({ PATH_INFO: '', QUERY_STRING: 'a=1' }))).toBe('http://example.com/?a=1')
  })

  it('keeps the authority and path apart for the asterisk form', () => {
    expect(requestUri(env({ PATH_INFO: '*' }))).toBe('http://example.com/*')
  })

  it("quotes % under 'reject' but leaves the %2F and %25 escapes of 'keep' as they are", () => {
    // 'reject': PATH_INFO '/100%' came from '/100%25'.
    expect(requestUri(env({ PATH_INFO: '/100%' }))).toBe('http://example.com/100%25')
    // 'keep': PATH_INFO '/a%2Fb/100%25' came from the same bytes on the wire.
    const kept = env({ SCRIPT_NAME: '/x%2Fy', PATH_INFO: '/a%2Fb/100%25 é' })
    expect(requestUri(kept, { encodedSlashes: 'keep' })).toBe('http://example.com/x%2Fy/a%2Fb/100%25%20%C3%A9')
    expect(requestUri(kept)).toBe('http://example.com/x%252Fy/a%252Fb/100%2525%20%C3%A9')
  })

  it('throws a TypeError naming the argument and what it got', () => {
    expect(() => requestUri(null as never)).toThrow(
      new TypeError('requestUri(): environ must be an environ object, got null'),
    )
    expect(() => requestUri('http://x/' as never)).toThrow(/environ must be an environ object, got "http:\/\/x\/"/)
    expect(() => requestUri(env(), null as never)).toThrow(/requestUri\(\): options must be an object, got null/)
    expect(() => requestUri(env(), { encodedSlashes: 'no' as never })).toThrow(
      /requestUri\(\): options.encodedSlashes must be 'reject' or 'keep', got "no"/,
    )
    expect(() => requestUri(env(), { includeQuery: 'no' as never })).toThrow(
      new TypeError('requestUri(): options.includeQuery must be a boolean, got "no"'),
    )
  })
})

describe('applicationUri(environ, options)', () => {
  it('gives the root of an app that is not mounted', () => {
    expect(applicationUri(env({ PATH_INFO: '/a/b', QUERY_STRING: 'x=1' }))).toBe('http://example.com/')
  })

  it('gives the mount point of a mounted app, quoted', () => {
    expect(applicationUri(env({ SCRIPT_NAME: '/app', PATH_INFO: '/a' }))).toBe('http://example.com/app')
    expect(applicationUri(env({ SCRIPT_NAME: '/my app', HTTP_HOST: 'h:1' }))).toBe('http://h:1/my%20app')
    expect(applicationUri(env({ 'tsgi.url_scheme': 'https', SERVER_PORT: '8443', SCRIPT_NAME: '/ü' }))).toBe(
      'https://example.com:8443/%C3%BC',
    )
  })

  it("leaves the escapes of 'keep' in SCRIPT_NAME as they are", () => {
    expect(applicationUri(env({ SCRIPT_NAME: '/a%2Fb' }), { encodedSlashes: 'keep' })).toBe('http://example.com/a%2Fb')
    expect(applicationUri(env({ SCRIPT_NAME: '/a%2Fb' }))).toBe('http://example.com/a%252Fb')
  })

  it('throws a TypeError naming the argument and what it got', () => {
    expect(() => applicationUri(undefined as never)).toThrow(
      new TypeError('applicationUri(): environ must be an environ object, got undefined'),
    )
    expect(() => applicationUri(env(), { encodedSlashes: 1 as never })).toThrow(/applicationUri\(\).*got 1/)
  })
})
