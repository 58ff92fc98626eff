import { type App, HTTPError } from '@tsgi/core'
import { describe, expect, it } from 'vitest'
import { type Context, encoder, textApp } from './context.js'
import { eventually, raw } from './raw.js'

const get = (path = '/', version = '1.1', extra = ''): string =>
  `GET ${path} HTTP/${version}\r\nHost: x\r\n${extra}Connection: close\r\n\r\n`

function* chunks(...parts: string[]): Generator<Uint8Array> {
  for (const part of parts) yield encoder.encode(part)
}

export function responseTests(ctx: Context): void {
  const framed = ctx.supports('response-framing') ? it : it.skip
  describe('the response (spec §4, §5, §6.1)', () => {
    it.skipIf(!ctx.supports('reason-phrase'))(
      'sends the status line as given, adds Date, and no Server header',
      async () => {
        const url = await ctx.serve((_environ, startResponse) => {
          startResponse('201 Made It', [['x-one', '1']])
          return [encoder.encode('ok')]
        })
        const [response] = (await raw(url, get())).responses
        expect(response?.status).toBe(201)
        expect(response?.reason).toBe('Made It')
        expect(response?.headers.date).toMatch(/GMT$/)
        expect(response?.headers.server).toBeUndefined()
        expect(response?.headers['x-one']).toBe('1')
      },
    )

    it('gives an array body a Content-Length of the sum of its chunks', async () => {
      const url = await ctx.serve((_environ, startResponse) => {
        startResponse('200 OK', [])
        return [encoder.encode('ab'), new Uint8Array(0), encoder.encode('cde')]
      })
      const [response] = (await raw(url, get())).responses
      expect(response?.headers['content-length']).toBe('5')
      expect(response?.headers['transfer-encoding']).toBeUndefined()
      expect(response?.body.toString()).toBe('abcde')
    })

    framed('sends a streamed body chunked over HTTP/1.1', async () => {
      const url = await ctx.serve((_environ, startResponse) => {
        startResponse('200 OK', [])
        return chunks('ab', 'cd')
      })
      const [response] = (await raw(url, get())).responses
      expect(response?.headers['transfer-encoding']).toBe('chunked')
      expect(response?.body.toString()).toBe('abcd')
      expect(response?.complete).toBe(true)
    })

    it('sends a streamed body close-delimited over HTTP/1.0', async () => {
      const url = await ctx.serve((_environ, startResponse) => {
        startResponse('200 OK', [])
        return chunks('ab', 'cd')
      })
      const result = await raw(url, 'GET / HTTP/1.0\r\nHost: x\r\n\r\n')
      expect(result.closed).toBe(true)
      expect(result.responses[0]?.headers['transfer-encoding']).toBeUndefined()
      expect(result.responses[0]?.body.toString()).toBe('abcd')
    })

    it('streams an async body', async () => {
      const url = await ctx.serve(async (_environ, startResponse) => {
        startResponse('200 OK', [])
        return (async function* () {
          yield encoder.encode('a')
          await new Promise((resolve) => setTimeout(resolve, 5))
          yield encoder.encode('b')
        })()
      })
      expect(await (await fetch(url)).text()).toBe('ab')
    })

    it('lets the app replace status and headers until the first non-empty chunk', async () => {
      const url = await ctx.serve((_environ, startResponse) => {
        startResponse('200 OK', [['x-first', '1']])
        return (function* () {
          yield new Uint8Array(0)
          startResponse('202 Accepted', [['x-second', '1']], new Error('replaced'))
          yield encoder.encode('late')
        })()
      })
      const [response] = (await raw(url, get())).responses
      expect(response?.status).toBe(202)
      expect(response?.headers['x-first']).toBeUndefined()
      expect(response?.headers['x-second']).toBe('1')
    })

    it('waits for a thenable that is not a Promise as for a promise of the body (spec §1.2.2)', async () => {
      const url = await ctx.serve(
        (_environ, startResponse) =>
          ({
            // biome-ignore lint/suspicious/noThenProperty: a thenable is exactly what is tested
            then(resolve: (body: Uint8Array[]) => void) {
              startResponse('200 OK', [])
              resolve([encoder.encode('later')])
            },
          }) as unknown as Promise<Uint8Array[]>,
      )
      expect(await (await fetch(url)).text()).toBe('later')
    })

    it('refuses a second startResponse without excInfo', async () => {
      const log = ctx.errorLog()
      const url = await ctx.serve(
        (_environ, startResponse) => {
          startResponse('200 OK', [])
          startResponse('404 Not Found', [])
          return []
        },
        { errors: log },
      )
      expect((await fetch(url)).status).toBe(500)
      expect(log.text).toContain('startResponse')
      expect(log.text).toContain('TypeError')
    })

    it('refuses a second startResponse without excInfo even when the first one threw (spec §4.5.5)', async () => {
      const seen: string[] = []
      const url = await ctx.serve(
        (_environ, startResponse) => {
          try {
            startResponse('2OO OK', [])
          } catch (error) {
            seen.push((error as Error).name)
          }
          try {
            startResponse('200 OK', [])
          } catch (error) {
            seen.push((error as Error).name)
          }
          return []
        },
        { errors: ctx.errorLog() },
      )
      expect((await fetch(url)).status).toBe(500)
      expect(seen).toEqual(['TypeError', 'TypeError'])
    })

    it('honours an app-set Content-Length on a streamed body', async () => {
      const url = await ctx.serve((_environ, startResponse) => {
        startResponse('200 OK', [['content-length', '4']])
        return chunks('ab', 'cd')
      })
      const [response] = (await raw(url, get())).responses
      expect(response?.headers['content-length']).toBe('4')
      expect(response?.headers['transfer-encoding']).toBeUndefined()
      expect(response?.body.toString()).toBe('abcd')
    })

    it('stops the body once its Content-Length is reached: return(), then close()', async () => {
      const calls: string[] = []
      const url = await ctx.serve((_environ, startResponse) => {
        startResponse('200 OK', [['content-length', '4']])
        const body = (function* () {
          try {
            yield encoder.encode('ab')
            yield encoder.encode('cd')
            calls.push('after the last chunk')
          } finally {
            calls.push('return')
          }
        })()
        return Object.assign(body, { close: () => void calls.push('close') })
      })
      const result = await raw(url, get())
      expect(result.responses[0]?.complete).toBe(true)
      expect(result.responses[0]?.body.toString()).toBe('abcd')
      expect(calls).toEqual(['return', 'close'])
    })

    it('calls close() only after a promise from return() settled, on an early stop (spec §5.4.3)', async () => {
      const calls: string[] = []
      const url = await ctx.serve((_environ, startResponse) => {
        startResponse('204 No Content', [])
        const body = (async function* () {
          try {
            yield encoder.encode('dropped')
          } finally {
            await Promise.resolve()
            await Promise.resolve()
            calls.push('return finished')
          }
        })()
        return Object.assign(body, { close: () => void calls.push('close') })
      })
      expect((await fetch(url)).status).toBe(204)
      expect(await eventually(() => calls.length === 2)).toBe(true)
      expect(calls).toEqual(['return finished', 'close'])
    })

    framed('cuts the connection when the body has more bytes than its Content-Length', async () => {
      const url = await ctx.serve(
        (_environ, startResponse) => {
          startResponse('200 OK', [['content-length', '3']])
          return chunks('ab', 'cd')
        },
        { errors: ctx.errorLog() },
      )
      const result = await raw(url, get('/', '1.1', ''))
      expect(result.closed).toBe(true)
      expect(result.responses[0]?.complete).toBe(false)
    })

    framed('cuts the connection when the body has fewer bytes than its Content-Length', async () => {
      const url = await ctx.serve(
        (_environ, startResponse) => {
          startResponse('200 OK', [['content-length', '10']])
          return chunks('ab', 'cd')
        },
        { errors: ctx.errorLog() },
      )
      const result = await raw(url, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n')
      expect(result.closed).toBe(true)
      expect(result.responses[0]?.complete).toBe(false)
    })

    for (const [label, status, method] of [
      ['HEAD', '200 OK', 'HEAD'],
      ['204', '204 No Content', 'GET'],
      ['304', '304 Not Modified', 'GET'],
    ] as const) {
      it(`sends no body for ${label}, ends the iterator early and closes it`, async () => {
        const calls: string[] = []
        const url = await ctx.serve((_environ, startResponse) => {
          startResponse(status, [])
          const body = (function* () {
            try {
              for (;;) yield encoder.encode('x'.repeat(10))
            } finally {
              calls.push('return')
            }
          })()
          return Object.assign(body, { close: () => void calls.push('close') })
        })
        const result = await raw(url, `${method} / HTTP/1.1\r\nHost: x\r\n\r\n`, { timeout: 1000 })
        const text = result.bytes.toString('latin1')
        expect(text.endsWith('\r\n\r\n')).toBe(true)
        expect(text).not.toContain('xxxxxxxxxx')
        expect(calls).toEqual(['return', 'close'])
      })
    }

    it('sends no Content-Length on a 204, even one the app set (spec §5.6.4)', async () => {
      const url = await ctx.serve((_environ, startResponse) => {
        startResponse('204 No Content', [
          ['content-length', '0'],
          ['x-kept', '1'],
        ])
        return []
      })
      const result = await raw(url, get())
      expect(result.responses[0]?.status).toBe(204)
      expect(result.responses[0]?.headers['content-length']).toBeUndefined()
      expect(result.responses[0]?.headers['x-kept']).toBe('1')
    })

    it('keeps an app-set Content-Length on HEAD and computes one for an array', async () => {
      const url = await ctx.serve(textApp('twelve bytes'))
      const result = await raw(url, 'HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
      expect(result.bytes.toString('latin1')).toMatch(/content-length: 12\r\n/i)
      expect(result.bytes.toString('latin1').endsWith('\r\n\r\n')).toBe(true)
    })

    it('keeps the status of a status-carrying error and sends only its valid headers (spec §6.2.1)', async () => {
      const url = await ctx.serve(
        () => {
          throw Object.assign(new RangeError('only GET here'), {
            status: 405,
            expose: true,
            headers: [
              ['allow', 'GET'],
              ['x-bad', 'a\r\nset-cookie: evil=1'],
              ['connection', 'close'],
            ],
          })
        },
        { errors: ctx.errorLog() },
      )
      const [response] = (await raw(url, get())).responses
      expect(response?.status).toBe(405)
      expect(response?.headers.allow).toBe('GET')
      expect(response?.headers['x-bad']).toBeUndefined()
      expect(response?.body.toString()).toBe('only GET here\n')
    })

    for (const [label, headers] of [
      ['a value with CR LF', [['x-bad', 'a\r\nset-cookie: evil=1']]],
      ['a value with NUL', [['x-bad', 'a\0b']]],
      ['a value beyond U+00FF', [['x-bad', 'snow ☃']]],
      ['a name that is not a token', [['x bad', '1']]],
      ['a hop-by-hop header', [['Transfer-Encoding', 'chunked']]],
      ['a Connection header', [['connection', 'close']]],
      ['a Proxy-Authenticate header', [['Proxy-Authenticate', 'Basic']]],
      ['a status header', [['Status', '200']]],
    ] as const) {
      it(`refuses ${label} with a logged 500 and never writes it`, async () => {
        const log = ctx.errorLog()
        const url = await ctx.serve(
          (_environ, startResponse) => {
            startResponse('200 OK', headers)
            return [encoder.encode('secret')]
          },
          { errors: log },
        )
        const result = await raw(url, get())
        expect(result.responses[0]?.status).toBe(500)
        const text = result.bytes.toString('latin1')
        expect(text).not.toContain('evil')
        expect(text).not.toContain('secret')
        expect(text).not.toContain('x-bad')
        expect(log.text).not.toBe('')
      })
    }

    for (const [label, app] of [
      ['a string body', () => 'text'],
      ['a bare Uint8Array body', () => encoder.encode('text')],
      ['a chunk that is a string', () => ['text']],
      ['null', () => null],
    ] as const) {
      it(`answers 500 for ${label}`, async () => {
        const log = ctx.errorLog()
        const url = await ctx.serve(
          ((_environ, startResponse) => {
            startResponse('200 OK', [])
            return app()
          }) as App,
          { errors: log },
        )
        expect((await fetch(url)).status).toBe(500)
        expect(log.text).toContain('TypeError')
      })
    }
  })

  describe('errors (spec §6.2)', () => {
    it('renders an HTTPError that escapes the app with its status, headers and exposed message', async () => {
      const log = ctx.errorLog()
      const url = await ctx.serve(
        () => {
          throw new HTTPError(418, 'short and stout', { headers: [['x-teapot', 'yes']] })
        },
        { errors: log },
      )
      const response = await fetch(url)
      expect(response.status).toBe(418)
      expect(response.headers.get('x-teapot')).toBe('yes')
      expect(await response.text()).toContain('short and stout')
      expect(log.text).toContain('short and stout')
      expect(log.text).toMatch(/\n\s+at /)
    })

    it('hides the message of an HTTPError that is not exposed', async () => {
      const url = await ctx.serve(
        () => {
          throw new HTTPError(503, 'database password is hunter2', { expose: false })
        },
        { errors: ctx.errorLog() },
      )
      const response = await fetch(url)
      expect(response.status).toBe(503)
      expect(await response.text()).not.toContain('hunter2')
    })

    it('answers a bare 500 for any other error and logs its stack', async () => {
      const log = ctx.errorLog()
      const url = await ctx.serve(
        async () => {
          throw new Error('secret detail')
        },
        { errors: log },
      )
      const response = await fetch(url)
      expect(response.status).toBe(500)
      const text = await response.text()
      expect(text).not.toContain('secret')
      expect(log.text).toContain('secret detail')
      expect(log.text).toMatch(/\n\s+at /)
    })

    it('answers 500 when the app returns without calling startResponse, and still closes the body', async () => {
      let closed = 0
      const url = await ctx.serve(() => Object.assign([encoder.encode('x')], { close: () => void closed++ }), {
        errors: ctx.errorLog(),
      })
      expect((await fetch(url)).status).toBe(500)
      expect(closed).toBe(1)
    })

    framed('cuts the connection when the body fails after the headers went out', async () => {
      const log = ctx.errorLog()
      const url = await ctx.serve(
        (_environ, startResponse) => {
          startResponse('200 OK', [])
          return (function* () {
            yield encoder.encode('partial')
            throw new Error('mid-body')
          })()
        },
        { errors: log },
      )
      const result = await raw(url, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n')
      expect(result.closed).toBe(true)
      expect(result.responses[0]?.status).toBe(200)
      expect(result.responses[0]?.complete).toBe(false)
      expect(log.text).toContain('mid-body')
    })
  })
}
