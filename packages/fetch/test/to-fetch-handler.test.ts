import { type App, bodyChannel, type Chunk, HTTPError } from '@tsgi/core'
import { toFetchHandler } from '@tsgi/fetch'
import { describe, expect, it } from 'vitest'

const encoder = new TextEncoder()
const bytes = (text: string): Chunk => encoder.encode(text)

function collector(): { write(text: string): void; text: string } {
  return {
    text: '',
    write(text: string) {
      this.text += text
    },
  }
}

describe('toFetchHandler(app)', () => {
  it('builds the environ from the Request and answers with the array body and its Content-Length', async () => {
    const app: App = (environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'application/json']])
      const seen = {
        method: environ.REQUEST_METHOD,
        path: environ.PATH_INFO,
        query: environ.QUERY_STRING,
        host: environ.HTTP_HOST,
        custom: environ.HTTP_X_CUSTOM,
        server: [environ.SERVER_NAME, environ.SERVER_PORT, environ['tsgi.url_scheme']],
      }
      return [bytes(JSON.stringify(seen))]
    }
    const response = await toFetchHandler(app)(
      new Request('https://example.com/caf%C3%A9/x?a=1&b', { headers: { 'x-custom': 'yes' } }),
    )
    expect(response.status).toBe(200)
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0)
    expect(await response.json()).toEqual({
      method: 'GET',
      path: '/café/x',
      query: 'a=1&b',
      host: 'example.com',
      custom: 'yes',
      server: ['example.com', '443', 'https'],
    })
  })

  it('streams the request body through tsgi.input and an async body back', async () => {
    const app: App = async (environ, startResponse) => {
      const parts: string[] = []
      for await (const chunk of environ['tsgi.input']) parts.push(new TextDecoder().decode(chunk))
      startResponse('201 Created', [['content-type', 'text/plain']])
      return (async function* () {
        yield bytes('got ')
        yield bytes(parts.join(''))
      })()
    }
    const response = await toFetchHandler(app)(new Request('http://h/upload', { method: 'POST', body: 'payload' }))
    expect(response.status).toBe(201)
    expect(await response.text()).toBe('got payload')
  })

  it('lets an app replace its status with excInfo before the first chunk', async () => {
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return (function* () {
        try {
          throw new Error('late')
        } catch (error) {
          startResponse('503 Service Unavailable', [['content-type', 'text/plain']], error)
          yield bytes('try later')
        }
      })()
    }
    const response = await toFetchHandler(app)(new Request('http://h/'))
    expect(response.status).toBe(503)
    expect(await response.text()).toBe('try later')
  })

  it('answers an escaped HTTPError with its status and headers, and hides a plain error behind a 500', async () => {
    const errors = collector()
    const notAllowed: App = () => {
      throw new HTTPError(405, 'Only GET here', { headers: [['allow', 'GET']] })
    }
    const broken: App = () => {
      throw new Error('database password is hunter2')
    }
    const first = await toFetchHandler(notAllowed, { errors })(new Request('http://h/'))
    expect([first.status, first.headers.get('allow'), await first.text()]).toEqual([405, 'GET', 'Only GET here\n'])
    const second = await toFetchHandler(broken, { errors })(new Request('http://h/'))
    expect(second.status).toBe(500)
    expect(await second.text()).toBe('Internal Server Error\n')
    expect(errors.text).toContain('hunter2')
    expect(errors.text).toContain('GET /')
  })

  it('answers 400 for a path that cannot be decoded, without calling the app', async () => {
    let called = false
    const app: App = () => {
      called = true
      return []
    }
    const response = await toFetchHandler(app)(new Request('http://h/a%2Fb'))
    expect(response.status).toBe(400)
    expect(called).toBe(false)
  })

  it('moves the scriptName prefix into SCRIPT_NAME and answers 404 outside it', async () => {
    const app: App = (environ, startResponse) => {
      startResponse('200 OK', [])
      return [bytes(`${environ.SCRIPT_NAME}|${environ.PATH_INFO}`)]
    }
    const handler = toFetchHandler(app, { scriptName: '/api' })
    expect(await (await handler(new Request('http://h/api/users'))).text()).toBe('/api|/users')
    expect((await handler(new Request('http://h/apix'))).status).toBe(404)
    expect(() => toFetchHandler(app, { scriptName: 'api/' })).toThrow(TypeError)
  })

  it('sends no body for HEAD and closes the body once', async () => {
    let closes = 0
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return Object.assign([bytes('hello')], { close: () => void closes++ })
    }
    const response = await toFetchHandler(app)(new Request('http://h/', { method: 'HEAD' }))
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
    expect(closes).toBe(1)
  })

  it('on cancel aborts tsgi.abort, calls close() at once and return() once the pending read settles', async () => {
    const log: string[] = []
    let aborted: () => boolean = () => false
    const channel = bodyChannel()
    const app: App = (environ, startResponse) => {
      aborted = () => environ['tsgi.abort'].aborted
      startResponse('200 OK', [['content-type', 'text/plain']])
      void channel.write(bytes('first'))
      const iterator = channel[Symbol.asyncIterator]()
      return {
        [Symbol.asyncIterator]: () => ({
          next: () => iterator.next(),
          return: () => {
            log.push('return')
            return iterator.return!()
          },
        }),
        close: () => void log.push('close'),
      }
    }
    const response = await toFetchHandler(app)(new Request('http://h/'))
    const reader = response.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first')
    const pendingRead = reader.read() // the app's next() is now pending
    await new Promise((resolve) => setImmediate(resolve))
    await reader.cancel()
    expect(aborted()).toBe(true)
    expect(log).toEqual(['close'])
    channel.end()
    await pendingRead.catch(() => {})
    await new Promise((resolve) => setImmediate(resolve))
    expect(log).toEqual(['close', 'return'])
  })

  it('refuses a string body with a 500 and logs the TypeError', async () => {
    const errors = collector()
    const app = ((_e: unknown, startResponse: (s: string, h: []) => void) => {
      startResponse('200 OK', [])
      return 'hello'
    }) as unknown as App
    const response = await toFetchHandler(app, { errors })(new Request('http://h/'))
    expect(response.status).toBe(500)
    expect(errors.text).toMatch(/iterable of Uint8Array chunks.*got a string/)
  })

  it('cuts the stream when the body sends more than its Content-Length', async () => {
    const errors = collector()
    const app: App = (_e, startResponse) => {
      startResponse('200 OK', [['content-length', '3']])
      return (function* () {
        yield bytes('ab')
        yield bytes('cdef')
      })()
    }
    const response = await toFetchHandler(app, { errors })(new Request('http://h/'))
    await expect(response.text()).rejects.toThrow()
    expect(errors.text).toContain('Content-Length')
  })

  it.each([
    ['a 1xx status', '100 Continue', []],
    ['a hop-by-hop header', '200 OK', [['proxy-authenticate', 'Basic']]],
    ['a status header', '200 OK', [['status', '200']]],
  ] as const)(
    'answers 500 for %s, checked in startResponse (spec §4.1, §4.2, §4.4)',
    async (_label, status, headers) => {
      const errors = collector()
      const app: App = (_e, startResponse) => {
        startResponse(status, headers)
        return [bytes('secret')]
      }
      const response = await toFetchHandler(app, { errors })(new Request('http://h/'))
      expect(response.status).toBe(500)
      expect(await response.text()).not.toContain('secret')
      expect(errors.text).toContain('startResponse')
    },
  )

  it('writes the cause of an error to tsgi.errors and never to the client (spec §6.2.1)', async () => {
    const errors = collector()
    const app: App = () => {
      throw new Error('query failed', { cause: new Error('password=hunter2 rejected') })
    }
    const response = await toFetchHandler(app, { errors })(new Request('http://h/'))
    expect(response.status).toBe(500)
    expect(await response.text()).toBe('Internal Server Error\n')
    expect(errors.text).toMatch(/query failed[\s\S]*Caused by: Error: password=hunter2 rejected/)
  })

  it('keeps the status of a status-carrying error and sends only its valid headers (spec §6.2.1)', async () => {
    const app: App = () => {
      throw Object.assign(new RangeError('only GET here'), {
        status: 405,
        expose: true,
        headers: [
          ['allow', 'GET'],
          ['x-bad', 'a\r\nb'],
          ['upgrade', 'h2c'],
        ],
      })
    }
    const response = await toFetchHandler(app, { errors: collector() })(new Request('http://h/'))
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET')
    expect(response.headers.has('upgrade')).toBe(false)
    expect(await response.text()).toBe('only GET here\n')
  })

  it('throws a TypeError for a second startResponse without excInfo, even when the first threw (spec §4.5.5)', async () => {
    const seen: string[] = []
    const app: App = (_e, startResponse) => {
      for (const status of ['bad', '200 OK']) {
        try {
          startResponse(status, [])
        } catch (error) {
          seen.push((error as Error).name)
        }
      }
      return []
    }
    const response = await toFetchHandler(app, { errors: collector() })(new Request('http://h/'))
    expect(response.status).toBe(500)
    expect(seen).toEqual(['TypeError', 'TypeError'])
  })

  it('calls close() only after a promise from return() settled, on an early stop (spec §5.4.3)', async () => {
    const calls: string[] = []
    let closed: () => void = () => {}
    const done = new Promise<void>((resolve) => {
      closed = resolve
    })
    const app: App = (_e, startResponse) => {
      startResponse('204 No Content', [])
      const body = (async function* () {
        try {
          yield bytes('dropped')
        } finally {
          await Promise.resolve()
          await Promise.resolve()
          calls.push('return finished')
        }
      })()
      return Object.assign(body, {
        close: () => {
          calls.push('close')
          closed()
        },
      })
    }
    expect((await toFetchHandler(app)(new Request('http://h/'))).status).toBe(204)
    await done
    expect(calls).toEqual(['return finished', 'close'])
  })

  it.each([
    ['an array body', [] as Uint8Array[]],
    ['a generator body', (function* (): Generator<Uint8Array> {})()],
  ])('sends no Content-Length on a 204 with %s, even one the app set (spec §5.6.4)', async (_label, body) => {
    const app: App = (_e, startResponse) => {
      startResponse('204 No Content', [['content-length', '0']])
      return body
    }
    const response = await toFetchHandler(app)(new Request('http://h/'))
    expect(response.status).toBe(204)
    expect(response.headers.has('content-length')).toBe(false)
  })

  it('stops the body once its Content-Length is reached: return(), then close() (spec §5.5)', async () => {
    const calls: string[] = []
    const app: App = (_e, startResponse) => {
      startResponse('200 OK', [['content-length', '4']])
      const body = (function* () {
        try {
          yield bytes('ab')
          yield bytes('cd')
          calls.push('after the last chunk')
        } finally {
          calls.push('return')
        }
      })()
      return Object.assign(body, { close: () => void calls.push('close') })
    }
    const response = await toFetchHandler(app)(new Request('http://h/'))
    expect(await response.text()).toBe('abcd')
    expect(calls).toEqual(['return', 'close'])
  })

  it('sets tsgi.multiprocess from its option, false by default, and refuses a non-boolean', async () => {
    const flag: App = (environ, startResponse) => {
      startResponse('200 OK', [])
      return [bytes(String(environ['tsgi.multiprocess']))]
    }
    expect(await (await toFetchHandler(flag)(new Request('http://h/'))).text()).toBe('false')
    expect(await (await toFetchHandler(flag, { multiprocess: true })(new Request('http://h/'))).text()).toBe('true')
    expect(() => toFetchHandler(flag, { multiprocess: 'yes' as never })).toThrow(TypeError)
  })
})
