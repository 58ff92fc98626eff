import { lint } from '@tsgi/lint'
import { describe, expect, it } from 'vitest'
import { answer, bytes, environ, expectLint, serve } from './harness.js'

const TEXT = [['content-type', 'text/plain']] as const

describe('lint(): startResponse arguments', () => {
  it('passes a well-formed status and header list through', async () => {
    const app = answer('200 OK', [
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['Content-Length', '2'],
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
      ['X-Latin1', 'caf\u00e9\tok'],
    ])
    expect(await serve(lint(app))).toEqual({ status: '200 OK', body: 'ok' })
    expect((await serve(lint(answer('204 No Content', [], [])))).status).toBe('204 No Content')
    expect((await serve(lint(answer('304 Not Modified', [['etag', '"x"']], [])))).status).toBe('304 Not Modified')
  })

  const statuses: Array<[string, unknown, RegExp]> = [
    ['a status that is not a string', 200, /status must be a string/],
    ['a status without a reason', '200', /3 digits, a space and a reason/],
    ['a status with letters for digits', 'OK 200', /3 digits, a space and a reason/],
    ['a status with a control character', '200 O\nK', /control characters/],
    ['a status above U+00FF', '200 \u014Ck', /above U\+00FF/],
    ['a status with trailing whitespace', '200 OK ', /surrounding whitespace/],
    ['a 1xx status', '100 Continue', /from 200 to 599/],
    ['a status above 599', '600 Nope', /from 200 to 599/],
  ]
  it.each(statuses)('rejects %s (spec §4.1)', async (_name, status, rule) => {
    await expectLint(() => serve(lint(answer(status))), '4.1', rule)
  })

  it('shows what it received in the message', async () => {
    const error = await expectLint(() => serve(lint(answer('200'))), '4.1', /status/)
    expect(error.message).toBe('lint: status must be 3 digits, a space and a reason (spec §4.1); got "200"')
  })

  const headers: Array<[string, unknown, string, RegExp]> = [
    ['headers that are not an array', { 'content-type': 'text/plain' }, '4.2', /array of \[name, value\] pairs/],
    ['a header that is not a pair', [['content-type', 'text/plain', 'extra']], '4.2', /\[name, value\] pair/],
    ['a header name that is not a string', [[1, 'x']], '4.2', /names must be strings/],
    ['a header value that is not a string', [['content-length', 2]], '4.2', /values must be strings/],
    ['a header name that is not a token', [['bad name', 'x']], '4.2', /tokens/],
    ['a header name with a colon', [['x-a:', 'x']], '4.2', /tokens/],
    ['a "status" header', [['Status', '200']], '4.2', /status line/],
    ['a header value with CR LF', [['x-a', 'a\r\nset-cookie: b']], '4.2', /CR, LF, NUL/],
    ['a header value with NUL', [['x-a', 'a\0']], '4.2', /CR, LF, NUL/],
    ['a header value above U+00FF', [['x-a', '\u2713']], '4.2', /above U\+00FF/],
    ['a Connection header', [['Connection', 'close']], '4.4', /hop-by-hop/],
    ['a Transfer-Encoding header', [['transfer-encoding', 'chunked']], '4.4', /hop-by-hop/],
    ['a Content-Length that is not a number', [['content-length', '-1']], '5.5', /decimal number/],
    [
      'two different Content-Lengths',
      [
        ['content-length', '2'],
        ['Content-Length', '3'],
      ],
      '5.5',
      /twice/,
    ],
  ]
  it.each(headers)('rejects %s', async (_name, list, section, rule) => {
    await expectLint(() => serve(lint(answer('200 OK', list))), section, rule)
  })

  it.each(['204 No Content', '304 Not Modified'])('rejects a Content-Type on a %s (spec §5.6)', async (status) => {
    await expectLint(() => serve(lint(answer(status, TEXT, []))), '5.6', /must not have a Content-Type/)
  })

  it('rejects a Content-Length on a 204 (spec §5.6)', async () => {
    await expectLint(
      () => serve(lint(answer('204 No Content', [['content-length', '0']], []))),
      '5.6',
      /Content-Length/,
    )
  })

  it('rejects Proxy-Authenticate and Proxy-Authorization, hop-by-hop as in wsgiref (spec §4.4)', async () => {
    for (const name of [
      'Proxy-Authenticate',
      'proxy-authorization',
      'Proxy-Connection',
      'Keep-Alive',
      'TE',
      'Trailer',
      'Upgrade',
    ]) {
      await expectLint(() => serve(lint(answer('200 OK', [[name, 'x']]))), '4.4', /hop-by-hop/)
    }
  })

  it('rejects a header list changed after it was passed, found when the headers are committed (spec §4.3)', async () => {
    const grow = lint((_environ, startResponse) => {
      const list: [string, string][] = [['content-type', 'text/plain']]
      startResponse('200 OK', list)
      list.push(['x-late', '1'])
      return [bytes('ok')]
    })
    await expectLint(() => serve(grow), '4.3', /must not be changed/)
    const edit = lint((_environ, startResponse) => {
      const pair: [string, string] = ['content-type', 'text/plain']
      startResponse('200 OK', [pair])
      return {
        *[Symbol.iterator]() {
          pair[1] = 'text/html'
          yield bytes('ok')
        },
      }
    })
    await expectLint(() => serve(edit), '4.3', /must not be changed/)
    const empty = lint((_environ, startResponse) => {
      const list: [string, string][] = []
      startResponse('204 No Content', list)
      list.push(['x-late', '1'])
      return []
    })
    await expectLint(() => serve(empty), '4.3', /must not be changed/)
  })

  it('accepts a frozen module-level header list passed for every request (spec §4.3.3)', async () => {
    const list = Object.freeze([Object.freeze(['content-type', 'text/plain'] as const)])
    const app = lint((_environ, startResponse) => {
      startResponse('200 OK', list)
      return [bytes('ok')]
    })
    expect(await serve(app)).toEqual({ status: '200 OK', body: 'ok' })
    expect(await serve(app)).toEqual({ status: '200 OK', body: 'ok' })
  })

  it('rejects more than three arguments (spec §4.5)', async () => {
    const app = lint((_environ, startResponse) => {
      ;(startResponse as (...args: unknown[]) => void)('200 OK', TEXT, undefined, 'extra')
      return []
    })
    await expectLint(() => serve(app), '4.5', /\(status, headers, excInfo\?\)/)
  })

  it.each([
    ['a string', 'boom'],
    ['null', null],
    ['a plain object', { message: 'boom' }],
  ])('rejects an excInfo that is %s, not an Error (spec §4.5)', async (_label, excInfo) => {
    const app = lint((_environ, startResponse) => {
      startResponse('500 Internal Server Error', TEXT, excInfo)
      return []
    })
    await expectLint(() => serve(app), '4.5', /must be an Error/)
  })

  it('rejects a second call without excInfo (spec §4.5)', async () => {
    const app = lint((_environ, startResponse) => {
      startResponse('200 OK', TEXT)
      startResponse('404 Not Found', TEXT)
      return []
    })
    await expectLint(() => serve(app), '4.5', /again only with excInfo/)
  })

  it('lets a call with excInfo replace the head before the first chunk', async () => {
    const app = lint((_environ, startResponse) => ({
      *[Symbol.iterator]() {
        startResponse('200 OK', TEXT)
        yield new Uint8Array(0)
        startResponse('500 Internal Server Error', TEXT, new Error('boom'))
        yield bytes('sorry')
      },
    }))
    expect(await serve(app)).toEqual({ status: '500 Internal Server Error', body: 'sorry' })
  })

  it('rejects a call after the body was closed (spec §4.5)', async () => {
    let start: ((status: string) => void) | undefined
    const app = lint((_environ, startResponse) => {
      startResponse('200 OK', TEXT)
      start = (status) => startResponse(status, TEXT, new Error('late'))
      return []
    })
    await serve(app)
    await expectLint(() => start?.('500 Internal Server Error'), '4.5', /after the body was closed/)
  })

  it('rejects a server that does not rethrow excInfo once the headers are committed (spec §4.5)', async () => {
    const app = lint((_environ, startResponse) => ({
      *[Symbol.iterator]() {
        startResponse('200 OK', TEXT)
        yield bytes('partial')
        startResponse('500 Internal Server Error', TEXT, new Error('boom'))
      },
    }))
    // A server whose startResponse never throws, so excInfo after the first chunk is swallowed.
    const lax = async (): Promise<void> => {
      const body = (await app(environ(), () => {})) as Iterable<Uint8Array>
      for (const _chunk of body);
    }
    await expectLint(lax, '4.5', /server must rethrow excInfo/)
  })
})
