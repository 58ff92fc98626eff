import type { App, Body, Environ, HeaderList, StartResponse } from '@tsgi/core'
import {
  exceptionMiddleware,
  HTTPError,
  MethodNotAllowed,
  NotFound,
  ServiceUnavailable,
  TooManyRequests,
  Unauthorized,
} from '@tsgi/exceptions'
import { describe, expect, it, vi } from 'vitest'
import { closing, encode, header, makeEnviron, run } from './_recorder.js'

const ok: App = (_environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'text/plain']])
  return [encode('ok')]
}

const throwing =
  (thrown: unknown): App =>
  () => {
    throw thrown
  }

describe('exceptionMiddleware(app, options)', () => {
  it('passes a response that does not fail through unchanged', async () => {
    const res = await run(exceptionMiddleware(ok))
    expect(res.status).toBe('200 OK')
    expect(res.headers).toEqual([['content-type', 'text/plain']])
    expect(res.text).toBe('ok')
    expect(res.log).toBe('')
  })

  it('keeps a sync body sync: wrapping an app that returns an array returns an iterable, not a promise', () => {
    const { environ } = makeEnviron()
    const result = exceptionMiddleware(ok)(environ, () => {}) as Body
    expect(typeof (result as Partial<Promise<Body>>).then).toBe('undefined')
    expect(typeof (result as Iterable<Uint8Array>)[Symbol.iterator]).toBe('function')
    expect(Symbol.asyncIterator in result).toBe(false)
    expect([...(result as Iterable<Uint8Array>)].map((chunk) => new TextDecoder().decode(chunk))).toEqual(['ok'])
  })

  it('returns an array body itself, and keeps a generator body sync', () => {
    const { environ } = makeEnviron()
    const array = [encode('ok')]
    const arrayApp: App = (_environ, startResponse) => {
      startResponse('200 OK', [])
      return array
    }
    expect(exceptionMiddleware(arrayApp)(environ, () => {})).toBe(array)
    const generatorApp: App = (_environ, startResponse) => {
      startResponse('200 OK', [])
      return (function* () {
        yield encode('a')
      })()
    }
    const body = exceptionMiddleware(generatorApp)(environ, () => {}) as Body
    expect(typeof (body as Partial<Promise<Body>>).then).toBe('undefined')
    expect(Symbol.asyncIterator in body).toBe(false)
    expect([...(body as Iterable<Uint8Array>)]).toHaveLength(1)
  })

  it('answers a 500 when the app returns something that is not a body', async () => {
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [])
      return 'not a body' as unknown as Body
    }
    const res = await run(exceptionMiddleware(app))
    expect(res.status).toBe('500 Internal Server Error')
    expect(res.log).toContain('TypeError: A body must be an iterable')
  })

  it('turns a synchronous throw into a 500 that shows nothing of the error', async () => {
    const res = await run(exceptionMiddleware(throwing(new Error('secret: db password is hunter2'))))
    expect(res.status).toBe('500 Internal Server Error')
    expect(res.text).toBe('500 Internal Server Error\n')
    expect(res.text).not.toContain('hunter2')
    expect(res.escaped).toBeUndefined()
  })

  it('turns a rejected promise into a 500', async () => {
    const app: App = async () => {
      throw new TypeError('cannot read properties of undefined')
    }
    const res = await run(exceptionMiddleware(app))
    expect(res.status).toBe('500 Internal Server Error')
    expect(res.text).not.toContain('undefined')
  })

  it('replaces the status and headers when a sync body throws before its first chunk', async () => {
    const body = closing(
      (function* () {
        yield new Uint8Array(0)
        throw new Error('boom')
      })(),
    )
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/csv']])
      return body
    }
    const res = await run(exceptionMiddleware(app))
    expect(res.status).toBe('500 Internal Server Error')
    expect(header(res, 'content-type')).toBe('text/plain; charset=utf-8')
    expect(res.text).toBe('500 Internal Server Error\n')
    expect(body.closed).toBe(1)
  })

  it('replaces the status and headers when an async body throws before its first chunk', async () => {
    const body = closing(
      (async function* () {
        yield new Uint8Array(0)
        await Promise.resolve()
        throw new NotFound('no such report')
      })(),
    )
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/csv']])
      return body
    }
    const res = await run(exceptionMiddleware(app))
    expect(res.status).toBe('404 Not Found')
    expect(res.text).toBe('404 Not Found\n\nno such report\n')
    expect(body.closed).toBe(1)
  })

  it.each([
    ['sync', false],
    ['async', true],
  ])(
    'lets the rethrow escape when a %s body throws after the first chunk, and still closes once',
    async (_kind, isAsync) => {
      const chunks = function* () {
        yield encode('partial')
        throw new Error('late failure')
      }
      const body = closing(
        isAsync
          ? (async function* () {
              yield* chunks()
            })()
          : chunks(),
      )
      const app: App = (_environ, startResponse) => {
        startResponse('200 OK', [['content-type', 'text/plain']])
        return body
      }
      const res = await run(exceptionMiddleware(app))
      expect(res.committedStatus).toBe('200 OK')
      expect(res.text).toBe('partial')
      // The server sees the excInfo it rethrew: an HTTPError whose cause is the original.
      expect(res.escaped).toBeInstanceOf(HTTPError)
      expect((res.escaped as HTTPError).cause).toEqual(new Error('late failure'))
      expect(res.log).toContain('late failure')
      expect(body.closed).toBe(1)
    },
  )

  it.each([
    ['a string', 'oops', 'Thrown value: "oops"'],
    ['undefined', undefined, 'Thrown value: undefined'],
    ['null', null, 'Thrown value: null'],
    ['a plain object', { code: 'E_FAIL' }, 'Thrown value: {"code":"E_FAIL"}'],
    ['a number', 42, 'Thrown value: 42'],
  ])('handles a throw of %s as a 500 and logs it', async (_kind, thrown, logged) => {
    const res = await run(exceptionMiddleware(throwing(thrown)))
    expect(res.status).toBe('500 Internal Server Error')
    expect(res.log).toContain(logged)
  })

  it('keeps the status and headers of HTTPErrors', async () => {
    const cases: [HTTPError, string, string, string][] = [
      [new MethodNotAllowed(['GET', 'HEAD']), '405 Method Not Allowed', 'allow', 'GET, HEAD'],
      [
        new Unauthorized(undefined, { headers: [['WWW-Authenticate', 'Bearer']] }),
        '401 Unauthorized',
        'www-authenticate',
        'Bearer',
      ],
      [
        new TooManyRequests(undefined, { headers: [['retry-after', '30']] }),
        '429 Too Many Requests',
        'retry-after',
        '30',
      ],
      [
        new ServiceUnavailable(undefined, { headers: [['retry-after', '120']] }),
        '503 Service Unavailable',
        'retry-after',
        '120',
      ],
    ]
    for (const [error, status, name, value] of cases) {
      const res = await run(exceptionMiddleware(throwing(error)))
      expect(res.status).toBe(status)
      expect(header(res, name)).toBe(value)
    }
  })

  it('shows the message of a 4xx and hides the message of a 5xx', async () => {
    const shown = await run(exceptionMiddleware(throwing(new NotFound('No user 7'))))
    expect(shown.text).toContain('No user 7')
    const hidden = await run(exceptionMiddleware(throwing(new HTTPError(502, 'upstream 10.0.0.3 refused'))))
    expect(hidden.status).toBe('502 Bad Gateway')
    expect(hidden.text).toBe('502 Bad Gateway\n')
  })

  it('follows expose when an error sets it against the default', async () => {
    const exposed = await run(exceptionMiddleware(throwing(new HTTPError(503, 'down for upkeep', { expose: true }))))
    expect(exposed.text).toContain('down for upkeep')
    const unexposed = await run(
      exceptionMiddleware(throwing(new HTTPError(400, 'parser state 0x1f', { expose: false }))),
    )
    expect(unexposed.text).toBe('400 Bad Request\n')
  })

  it('keeps the status of status-carrying errors from packages that do not depend on it', async () => {
    const error = Object.assign(new RangeError('Too many parameters'), { status: 400, expose: true })
    const res = await run(exceptionMiddleware(throwing(error)))
    expect(res.status).toBe('400 Bad Request')
    expect(res.text).toContain('Too many parameters')
  })

  it('writes every error to tsgi.errors with method, path and stack', async () => {
    const res = await run(exceptionMiddleware(throwing(new NotFound('gone'))), { method: 'DELETE', path: '/items/3' })
    expect(res.log).toMatch(/^\[tsgi\] DELETE \/items\/3: NotFound: /)
    expect(res.log).toContain('NotFound: gone')
    expect(res.log).toMatch(/\n\s+at /)
  })

  it('calls onError with the normalised error and the environ, after logging', async () => {
    const original = new Error('boom')
    const onError = vi.fn<(error: HTTPError, environ: Environ) => void>()
    const res = await run(exceptionMiddleware(throwing(original), { onError }), { path: '/x' })
    expect(onError).toHaveBeenCalledTimes(1)
    const [error, environ] = onError.mock.calls[0]!
    expect(error.status).toBe(500)
    expect(error.cause).toBe(original)
    expect(environ.PATH_INFO).toBe('/x')
    expect(res.status).toBe('500 Internal Server Error')
  })

  it('still sends the error page when onError throws, and logs that it did', async () => {
    const onError = () => {
      throw new Error('metrics down')
    }
    const res = await run(exceptionMiddleware(throwing(new NotFound()), { onError }))
    expect(res.status).toBe('404 Not Found')
    expect(res.log).toContain('options.onError threw')
    expect(res.log).toContain('metrics down')
  })

  it('sends what options.render returns, with the error as excInfo', async () => {
    const calls: unknown[] = []
    const inner: StartResponse = () => {}
    const render = (error: HTTPError, _environ: Environ, options: { debug: boolean }) => ({
      status: `${error.status} Custom`,
      headers: [['content-type', 'text/x-custom']] as HeaderList,
      body: [encode(`custom ${options.debug}`)],
    })
    const app = exceptionMiddleware(throwing(new NotFound()), { render, debug: true })
    const { environ } = makeEnviron()
    const body = app(environ, (status, headers, excInfo) => {
      calls.push([status, headers, excInfo])
      inner(status, headers, excInfo)
    }) as Iterable<Uint8Array>
    expect(new TextDecoder().decode([...body][0])).toBe('custom true')
    expect(calls).toHaveLength(1)
    const [status, , excInfo] = calls[0] as [string, HeaderList, unknown]
    expect(status).toBe('404 Custom')
    expect(excInfo).toBeInstanceOf(NotFound)
  })

  it('falls back to the default page when options.render throws', async () => {
    const render = () => {
      throw new Error('template missing')
    }
    const res = await run(exceptionMiddleware(throwing(new NotFound('nope')), { render }))
    expect(res.status).toBe('404 Not Found')
    expect(res.text).toContain('nope')
    expect(res.log).toContain('template missing')
  })

  it('calls startResponse for a HEAD request like any other', async () => {
    const res = await run(exceptionMiddleware(throwing(new Error('x'))), { method: 'HEAD' })
    expect(res.status).toBe('500 Internal Server Error')
    expect(header(res, 'content-length')).toBe(String(encode(res.text).byteLength))
  })

  it.each([
    ['sync', false],
    ['async', true],
  ])('closes a %s body that did not fail exactly once', async (_kind, isAsync) => {
    const chunks = [encode('a'), encode('b')]
    const body = closing(
      isAsync
        ? (async function* () {
            yield* chunks
          })()
        : chunks,
    )
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [])
      return body
    }
    const res = await run(exceptionMiddleware(app))
    expect(res.text).toBe('ab')
    expect(body.closed).toBe(1)
  })

  it('closes the inner body once when the consumer stops early', async () => {
    const body = closing([encode('a'), encode('b')])
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [])
      return body
    }
    const { environ } = makeEnviron()
    const wrapped = exceptionMiddleware(app)(environ, () => {}) as Body & Iterable<Uint8Array>
    for (const _chunk of wrapped) break
    await wrapped.close?.()
    await wrapped.close?.()
    expect(body.closed).toBe(1)
  })

  it('yields each inner chunk as it comes, without waiting for the next', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let produced = 0
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [])
      return (async function* () {
        produced++
        yield encode('first')
        await gate
        produced++
        yield encode('second')
      })()
    }
    const { environ } = makeEnviron()
    const body = exceptionMiddleware(app)(environ, () => {}) as AsyncIterable<Uint8Array>
    const iterator = body[Symbol.asyncIterator]()
    const first = await iterator.next()
    expect(new TextDecoder().decode(first.value)).toBe('first')
    expect(produced).toBe(1)
    release()
    const second = await iterator.next()
    expect(new TextDecoder().decode(second.value)).toBe('second')
  })

  it('throws a TypeError at build time for a bad app or options', () => {
    expect(() => exceptionMiddleware('app' as unknown as App)).toThrow(
      new TypeError('exceptionMiddleware(): app must be a function, got string'),
    )
    expect(() => exceptionMiddleware(ok, null as unknown as object)).toThrow(/options must be an object, got null/)
    expect(() => exceptionMiddleware(ok, { debug: 'yes' as unknown as boolean })).toThrow(
      /options.debug must be a boolean, got string/,
    )
    expect(() => exceptionMiddleware(ok, { onError: 1 as unknown as () => void })).toThrow(/options.onError/)
    expect(() => exceptionMiddleware(ok, { render: {} as unknown as () => never })).toThrow(/options.render/)
  })
})
