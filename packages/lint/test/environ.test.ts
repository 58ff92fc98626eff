import { type App, createInput, type Environ, shiftPathInfo } from '@tsgi/core'
import { lint } from '@tsgi/lint'
import { describe, expect, it } from 'vitest'
import { answer, bytes, environ, expectLint, serve } from './harness.js'

const ok = answer('200 OK')

describe('lint(): the environ', () => {
  it('passes a well-formed environ, HTTP_* keys and extension keys included', async () => {
    const env = environ({ HTTP_ACCEPT: 'text/html', HTTP_X_GONE: undefined, 'myapp.user': { id: 1 } })
    expect(await serve(lint(ok), env)).toEqual({ status: '200 OK', body: 'ok' })
    expect(await serve(lint(ok), environ({ SCRIPT_NAME: '/api', PATH_INFO: '' }))).toEqual({
      status: '200 OK',
      body: 'ok',
    })
    expect((await serve(lint(ok), environ({ REQUEST_METHOD: 'OPTIONS', PATH_INFO: '*' }))).status).toBe('200 OK')
  })

  it('passes the app a copy, leaving the server’s environ as it was', async () => {
    let seen: Environ | undefined
    const env = environ()
    await serve(
      lint((inner, startResponse) => {
        seen = inner
        return ok(inner, startResponse)
      }),
      env,
    )
    expect(seen).not.toBe(env)
    expect(seen?.PATH_INFO).toBe(env.PATH_INFO)
    expect(Object.keys(seen ?? {})).toEqual(Object.keys(env))
  })

  it('rejects an environ that is not a plain object (spec §2.1)', async () => {
    class Env {}
    await expectLint(() => serve(lint(ok), Object.assign(new Env(), environ()) as Environ), '2.1', /plain object/)
    await expectLint(() => serve(lint(ok), null as unknown as Environ), '2.1', /plain object/)
    const bare = Object.assign(Object.create(null) as object, environ()) as Environ
    await expectLint(() => serve(lint(ok), bare), '2.1', /null-prototype/)
  })

  it('rejects a getter on a dotted key too (spec §2.1)', async () => {
    const env = Object.defineProperty(environ(), 'myapp.user', { get: () => ({}), enumerable: true })
    await expectLint(() => serve(lint(ok), env), '2.1', /data properties/)
  })

  it('rejects a call with more than two arguments (spec §1.1)', async () => {
    const call = lint(ok) as unknown as (...args: unknown[]) => unknown
    await expectLint(() => call(environ(), () => {}, 'extra'), '1.1', /exactly two arguments/)
  })

  it('rejects a frozen, sealed or non-extensible environ (spec §2.1)', async () => {
    await expectLint(() => serve(lint(ok), Object.freeze(environ())), '2.1', /frozen/)
    await expectLint(() => serve(lint(ok), Object.seal(environ())), '2.1', /frozen/)
    await expectLint(() => serve(lint(ok), Object.preventExtensions(environ())), '2.1', /frozen/)
  })

  it('accepts SCRIPT_NAME "/" only with an empty PATH_INFO, as shiftPathInfo leaves a shifted root slash (spec §2.6)', async () => {
    const shifted = shiftPathInfo(environ({ SCRIPT_NAME: '', PATH_INFO: '/' })).environ
    expect(shifted.SCRIPT_NAME).toBe('/')
    expect((await serve(lint(ok), shifted)).status).toBe('200 OK')
    await expectLint(() => serve(lint(ok), environ({ SCRIPT_NAME: '/', PATH_INFO: '/x' })), '2.6', /must not be "\/"/)
  })

  it('rejects a getter in the environ (spec §2.1)', async () => {
    const env = Object.defineProperty(environ(), 'HTTP_X_LAZY', { get: () => 'x', enumerable: true })
    await expectLint(() => serve(lint(ok), env), '2.1', /data properties/)
  })

  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['a missing CGI key', { QUERY_STRING: undefined }, '2.2', /QUERY_STRING must be a string/],
    ['a non-string REMOTE_ADDR', { REMOTE_ADDR: 127 }, '2.2', /REMOTE_ADDR must be a string when present/],
    ['a non-string CGI key', { GATEWAY_INTERFACE: 1 }, '2.2', /must hold a string/],
    ['an empty REQUEST_METHOD', { REQUEST_METHOD: '' }, '2.2', /REQUEST_METHOD must be a non-empty token/],
    ['a REQUEST_METHOD with a space', { REQUEST_METHOD: 'GET /' }, '2.2', /REQUEST_METHOD/],
    ['a SCRIPT_NAME without a leading slash', { SCRIPT_NAME: 'api' }, '2.6', /SCRIPT_NAME must be empty or start/],
    ['a SCRIPT_NAME of "/" before a path', { SCRIPT_NAME: '/' }, '2.6', /must not be "\/"/],
    ['a PATH_INFO without a leading slash', { PATH_INFO: 'users' }, '2.6', /PATH_INFO must be empty or start/],
    ['a PATH_INFO of "*" for GET', { PATH_INFO: '*' }, '2.6', /only for OPTIONS/],
    ['an empty SCRIPT_NAME and PATH_INFO', { PATH_INFO: '' }, '2.6', /both be empty/],
    ['a CONTENT_LENGTH that is not a number', { CONTENT_LENGTH: '12abc' }, '2.2', /CONTENT_LENGTH/],
    ['an empty SERVER_NAME', { SERVER_NAME: '' }, '2.2', /SERVER_NAME/],
    ['a SERVER_PORT that is not a number', { SERVER_PORT: 'http' }, '2.2', /SERVER_PORT/],
    ['a malformed SERVER_PROTOCOL', { SERVER_PROTOCOL: 'HTTP 1.1' }, '2.2', /SERVER_PROTOCOL/],
    ['an HTTP_CONTENT_TYPE key', { HTTP_CONTENT_TYPE: 'text/plain' }, '2.3', /CONTENT_TYPE/],
    ['an HTTP_CONTENT_LENGTH key', { HTTP_CONTENT_LENGTH: '0' }, '2.3', /CONTENT_LENGTH/],
    ['a non-string HTTP_* value', { HTTP_ACCEPT: ['a', 'b'] }, '2.3', /HTTP_ACCEPT must be a string/],
    ['an HTTP_* value above U+00FF', { HTTP_X_NAME: '\u2713' }, '2.3', /Latin-1/],
    ['a wrong tsgi.version', { 'tsgi.version': [1, 1] }, '2.4', /tsgi\.version/],
    ['a wrong tsgi.url_scheme', { 'tsgi.url_scheme': 'ftp' }, '2.4', /tsgi\.url_scheme/],
    ['a tsgi.input that is not async iterable', { 'tsgi.input': [bytes('x')] }, '3.1', /tsgi\.input/],
    ['a tsgi.errors without write()', { 'tsgi.errors': console.log }, '3.3', /tsgi\.errors/],
    ['a tsgi.abort without aborted', { 'tsgi.abort': { signal: null } }, '3.4', /tsgi\.abort/],
    ['a non-boolean tsgi.multiprocess', { 'tsgi.multiprocess': 'no' }, '2.4', /tsgi\.multiprocess/],
    ['a non-boolean tsgi.run_once', { 'tsgi.run_once': 0 }, '2.4', /tsgi\.run_once/],
    ['an extension key in camel case', { 'myApp.user': 1 }, '2.4', /extension keys/],
    ['an extension key with a dash', { 'my-app.user': 1 }, '2.4', /extension keys/],
    ['an extension key ending in a dot', { 'myapp.': 1 }, '2.4', /extension keys/],
  ]
  it.each(cases)('rejects %s', async (_name, overrides, section, rule) => {
    await expectLint(() => serve(lint(ok), environ(overrides)), section, rule)
  })

  it('does not create the AbortSignal the server defers', async () => {
    let read = false
    const abort = {
      aborted: false,
      get signal(): AbortSignal {
        read = true
        return new AbortController().signal
      },
    }
    await serve(lint(ok), environ({ 'tsgi.abort': abort }))
    expect(read).toBe(false)
  })

  it('rejects a startResponse that is not a function (spec §1.1)', async () => {
    await expectLint(() => lint(ok)(environ(), null as never), '1.1', /startResponse must be a function/)
  })

  it('throws a TypeError at build time for an app that is not a function', () => {
    expect(() => lint('app' as unknown as App)).toThrow(TypeError)
    expect(() => lint('app' as unknown as App)).toThrow(/got "app"/)
  })
})

describe('lint(): tsgi.input and tsgi.errors', () => {
  const reader: App = async (environ, startResponse) => {
    let size = 0
    for await (const chunk of environ['tsgi.input']) size += chunk.length
    startResponse('200 OK', [['content-type', 'text/plain']])
    return [bytes(String(size))]
  }
  const input = (...chunks: unknown[]): AsyncIterable<Uint8Array> =>
    createInput(async function* () {
      yield* chunks as Uint8Array[]
    })

  it('passes an app that reads the input once', async () => {
    expect((await serve(lint(reader), environ({ 'tsgi.input': input(bytes('abc'), bytes('de')) }))).body).toBe('5')
  })

  it('rejects an app that iterates the input twice (spec §3.1)', async () => {
    const twice: App = async (environ, startResponse) => {
      for await (const _chunk of environ['tsgi.input']);
      for await (const _chunk of environ['tsgi.input']);
      return ok(environ, startResponse)
    }
    await expectLint(() => serve(lint(twice)), '3.1', /iterated only once/)
  })

  it('rejects an app that reads the input without awaiting each chunk (spec §3.1)', async () => {
    const eager: App = async (environ, startResponse) => {
      const iterator = environ['tsgi.input'][Symbol.asyncIterator]()
      await Promise.all([iterator.next(), iterator.next()])
      return ok(environ, startResponse)
    }
    await expectLint(
      () => serve(lint(eager), environ({ 'tsgi.input': input(bytes('a')) })),
      '3.1',
      /one chunk at a time/,
    )
  })

  it('rejects a server input that yields something other than bytes (spec §3.1)', async () => {
    await expectLint(() => serve(lint(reader), environ({ 'tsgi.input': input('text') })), '3.1', /yield Uint8Array/)
  })

  it('rejects an app that writes something other than text to tsgi.errors (spec §3.3)', async () => {
    const logs: string[] = []
    const good: App = (environ, startResponse) => {
      environ['tsgi.errors'].write('note\n')
      return ok(environ, startResponse)
    }
    await serve(lint(good), environ({ 'tsgi.errors': { write: (text: string) => logs.push(text) } }))
    expect(logs).toEqual(['note\n'])
    const bad: App = (environ, startResponse) => {
      environ['tsgi.errors'].write(new Error('oops') as unknown as string)
      return ok(environ, startResponse)
    }
    await expectLint(() => serve(lint(bad)), '3.3', /takes a string/)
  })
})
