import { BadRequest, emptyInput, readBody } from '@tsgi/core'
import { createEnviron } from '@tsgi/test'
import { describe, expect, it } from 'vitest'

describe('createEnviron()', () => {
  it('builds the CGI and tsgi keys in a fixed order, as a server does', () => {
    const environ = createEnviron('GET /caf%C3%A9?q=1')
    expect(Object.keys(environ)).toEqual([
      'REQUEST_METHOD',
      'SCRIPT_NAME',
      'PATH_INFO',
      'QUERY_STRING',
      'CONTENT_TYPE',
      'CONTENT_LENGTH',
      'SERVER_NAME',
      'SERVER_PORT',
      'SERVER_PROTOCOL',
      'REMOTE_ADDR',
      'REQUEST_URI',
      'tsgi.version',
      'tsgi.url_scheme',
      'tsgi.input',
      'tsgi.errors',
      'tsgi.abort',
      'tsgi.multiprocess',
      'tsgi.run_once',
      'HTTP_HOST',
    ])
    expect(environ).toMatchObject({
      REQUEST_METHOD: 'GET',
      SCRIPT_NAME: '',
      PATH_INFO: '/café',
      QUERY_STRING: 'q=1',
      CONTENT_TYPE: '',
      CONTENT_LENGTH: '',
      SERVER_NAME: 'localhost',
      SERVER_PORT: '80',
      SERVER_PROTOCOL: 'HTTP/1.1',
      REMOTE_ADDR: '127.0.0.1',
      REQUEST_URI: '/caf%C3%A9?q=1',
      'tsgi.version': [1, 0],
      'tsgi.url_scheme': 'http',
      HTTP_HOST: 'localhost',
    })
    expect(environ['tsgi.input']).toBe(emptyInput)
    expect(environ['tsgi.abort'].aborted).toBe(false)
  })

  it('maps headers to HTTP_* keys, joins repeats and drops names with underscores', () => {
    const environ = createEnviron('POST /', {
      headers: [
        ['Content-Type', 'text/plain'],
        ['Content-Length', '2'],
        ['X-Forwarded-For', '10.0.0.1'],
        ['x-forwarded-for', '10.0.0.2'],
        ['Cookie', 'a=1'],
        ['cookie', 'b=2'],
        ['X_Sneaky', 'yes'],
      ],
      body: 'hi',
    })
    expect(environ.CONTENT_TYPE).toBe('text/plain')
    expect(environ.CONTENT_LENGTH).toBe('2')
    expect(environ.HTTP_X_FORWARDED_FOR).toBe('10.0.0.1, 10.0.0.2')
    expect(environ.HTTP_COOKIE).toBe('a=1; b=2')
    expect(environ.HTTP_X_SNEAKY).toBeUndefined()
    expect('HTTP_CONTENT_TYPE' in environ || 'HTTP_CONTENT_LENGTH' in environ).toBe(false)
  })

  it('takes headers as an object whose values may be lists', () => {
    const environ = createEnviron({ headers: { accept: ['text/html', 'application/json'], 'user-agent': 'test' } })
    expect(environ.HTTP_ACCEPT).toBe('text/html, application/json')
    expect(environ.HTTP_USER_AGENT).toBe('test')
  })

  it('takes PATH_INFO from the path of an absolute-form target, as a server does (spec §2.5.1)', () => {
    const environ = createEnviron('GET http://example.com/a%20b?q=1')
    expect(environ.PATH_INFO).toBe('/a b')
    expect(environ.QUERY_STRING).toBe('q=1')
    expect(environ.REQUEST_URI).toBe('http://example.com/a%20b?q=1')
    expect(createEnviron('GET https://example.com').PATH_INFO).toBe('/')
  })

  it('uses the first of repeated Content-Type headers, never a join (spec §2.2.5)', () => {
    const environ = createEnviron('POST /', {
      headers: [
        ['content-type', 'text/plain'],
        ['Content-Type', 'text/html'],
      ],
    })
    expect(environ.CONTENT_TYPE).toBe('text/plain')
  })

  it('takes SERVER_NAME from the host option; a Host header of the client sets only HTTP_HOST', () => {
    const environ = createEnviron('GET /', { host: 'app.internal:8080', headers: { host: 'evil.example' } })
    expect(environ.SERVER_NAME).toBe('app.internal')
    expect(environ.SERVER_PORT).toBe('8080')
    expect(environ.HTTP_HOST).toBe('evil.example')
  })

  it('sets the scheme, host, port and mount point', () => {
    const environ = createEnviron('GET /api/users', { scheme: 'https', host: 'example.com', scriptName: '/api' })
    expect(environ).toMatchObject({
      'tsgi.url_scheme': 'https',
      SERVER_NAME: 'example.com',
      SERVER_PORT: '443',
      HTTP_HOST: 'example.com',
      SCRIPT_NAME: '/api',
      PATH_INFO: '/users',
      REQUEST_URI: '/api/users',
    })
    expect(createEnviron({ host: 'example.com:8080' }).SERVER_PORT).toBe('8080')
  })

  it('throws a RangeError for a path outside scriptName', () => {
    expect(() => createEnviron('GET /apiary', { scriptName: '/api' })).toThrow(RangeError)
  })

  it('gives a body as a single-consumer input with its length', async () => {
    const environ = createEnviron('POST /', { body: 'héllo' })
    expect(environ.CONTENT_LENGTH).toBe('6')
    expect(new TextDecoder().decode(await readBody(environ))).toBe('héllo')
    expect(() => environ['tsgi.input'][Symbol.asyncIterator]()).toThrow(TypeError)
  })

  it('streams an async iterable body of unknown length', async () => {
    async function* chunks() {
      yield new Uint8Array([1, 2])
      yield new Uint8Array([3])
    }
    const environ = createEnviron({ method: 'PUT', body: chunks() })
    expect(environ.CONTENT_LENGTH).toBe('')
    expect([...(await readBody(environ))]).toEqual([1, 2, 3])
  })

  it('makes a read reject with a 400 when the body is shorter than its Content-Length', async () => {
    const environ = createEnviron('POST /', { body: 'abc', headers: { 'content-length': '10' } })
    await expect(readBody(environ)).rejects.toBeInstanceOf(BadRequest)
  })

  it('keeps %2F with encodedSlashes keep and throws a 400 by default', () => {
    expect(createEnviron('GET /a%2Fb', { encodedSlashes: 'keep' }).PATH_INFO).toBe('/a%2Fb')
    expect(() => createEnviron('GET /a%2Fb')).toThrow(BadRequest)
  })

  it('throws a TypeError for a header value with CR, LF or a character above U+00FF', () => {
    expect(() => createEnviron({ headers: { 'x-a': 'a\r\nb' } })).toThrow(TypeError)
    expect(() => createEnviron({ headers: { 'x-a': '\u2713' } })).toThrow(/above U\+00FF/)
  })
})
