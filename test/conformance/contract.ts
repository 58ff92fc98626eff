import type { App, Body, Environ, StartResponse } from '@tsgi/core'
import { describe, expect, it } from 'vitest'
import { type Context, encoder } from './context.js'
import { raw } from './raw.js'

const get = (path = '/'): string => `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`

/** Resolves after the current macrotask, so an async body's next() really is pending. */
const later = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5))

/**
 * The rules where the adapters once drifted apart (each case names the spec section): one
 * response driver in core now serves them all, and these cases keep it so.
 */
export function contractTests(ctx: Context): void {
  describe('the contract made exact (spec §4–§6)', () => {
    it('commits nothing for empty chunks yielded before startResponse (spec §4.6.2)', async () => {
      const url = await ctx.serve(
        (_environ, startResponse) =>
          (function* () {
            yield new Uint8Array(0)
            startResponse('200 OK', [['content-type', 'text/plain']])
            yield encoder.encode('late head')
          })(),
        { errors: ctx.errorLog() },
      )
      const response = await fetch(url)
      expect(response.status).toBe(200)
      expect(await response.text()).toBe('late head')
    })

    it('accepts startResponse first called inside the first next() (spec §1.1.4)', async () => {
      const url = await ctx.serve((_environ, startResponse) => ({
        async *[Symbol.asyncIterator]() {
          await later()
          startResponse('201 Created', [])
          yield encoder.encode('made')
        },
      }))
      const response = await fetch(url)
      expect(response.status).toBe(201)
      expect(await response.text()).toBe('made')
    })

    it('refuses an empty reason phrase with a logged 500 and never sends it (spec §4.1.1)', async () => {
      const log = ctx.errorLog()
      const url = await ctx.serve(
        (_environ, startResponse) => {
          startResponse('200 ', [])
          return [encoder.encode('x')]
        },
        { errors: log },
      )
      const result = await raw(url, get())
      expect(result.responses[0]?.status).toBe(500)
      expect(result.bytes.toString('latin1')).not.toMatch(/^HTTP\/1\.1 200 /)
      expect(log.text).toContain("status line like '200 OK'")
    })

    it('answers 500 to a 1xx status and never sends it as the final response (spec §4.1.4)', async () => {
      const log = ctx.errorLog()
      const url = await ctx.serve(
        (_environ, startResponse) => {
          startResponse('103 Early Hints', [])
          return [encoder.encode('x')]
        },
        { errors: log },
      )
      const result = await raw(url, get())
      expect(result.responses.map((response) => response.status)).toEqual([500])
      expect(log.text).toContain('final status')
    })

    it('throws excInfo from a startResponse called after an error response (spec §4.5.8)', async () => {
      const excInfo = new Error('late')
      let late: unknown = 'not called'
      const url = await ctx.serve(
        (_environ, startResponse) => ({
          *[Symbol.iterator]() {
            yield* []
            throw new Error('before the head')
          },
          close() {
            try {
              startResponse('500 Internal Server Error', [], excInfo)
              late = 'returned'
            } catch (thrown) {
              late = thrown
            }
          },
        }),
        { errors: ctx.errorLog() },
      )
      expect((await fetch(url)).status).toBe(500)
      expect(late).toBe(excInfo)
    })

    it.skipIf(!ctx.supports('expect-continue'))(
      'sends 100 Continue on the first next(), not when the app only takes the iterator (spec §6.3.1)',
      async () => {
        const url = await ctx.serve((environ, startResponse) => {
          environ['tsgi.input'][Symbol.asyncIterator]()
          startResponse('200 OK', [])
          return [encoder.encode('unread')]
        })
        const head = 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n'
        const result = await raw(url, head, { responses: 1 })
        expect(result.responses[0]?.status).toBe(200)
        expect(result.bytes.toString('latin1')).not.toContain('100 Continue')
      },
    )

    it('sends the header list checked at the call, not one changed afterwards (spec §4.3)', async () => {
      const log = ctx.errorLog()
      const url = await ctx.serve(
        (_environ, startResponse) => {
          const headers: [string, string][] = [['content-type', 'text/plain']]
          startResponse('200 OK', headers)
          headers.push(['x-late', '1'], ['transfer-encoding', 'gzip'], ['status', '500'])
          ;(headers[0] as [string, string])[1] = 'text/html'
          return (async function* () {
            await later()
            yield encoder.encode('body')
          })()
        },
        { errors: log },
      )
      const result = await raw(url, get())
      const [response] = result.responses
      expect(response?.status).toBe(200)
      expect(response?.headers['x-late']).toBeUndefined()
      expect(response?.headers.status).toBeUndefined()
      expect(response?.headers['content-type']).toBe('text/plain')
      expect(response?.head.toLowerCase()).not.toContain('gzip')
      expect(response?.body.toString()).toBe('body')
    })

    it('follows a function with a then as a promise of the body (spec §1.2.2)', async () => {
      const thenable = Object.assign(() => {}, {
        // biome-ignore lint/suspicious/noThenProperty: a function thenable is what is tested
        then(resolve: (body: Body) => void) {
          setTimeout(() => resolve([encoder.encode('from a function')]), 1)
        },
      })
      const url = await ctx.serve(((_environ: Environ, startResponse: StartResponse) => {
        startResponse('200 OK', [])
        return thenable
      }) as unknown as App)
      const response = await fetch(url)
      expect(response.status).toBe(200)
      expect(await response.text()).toBe('from a function')
    })

    it('answers 500 to an array with a bad chunk and sends none of it (spec §5.1.5)', async () => {
      const log = ctx.errorLog()
      let closed = 0
      const url = await ctx.serve(
        ((_environ: Environ, startResponse: StartResponse) => {
          startResponse('200 OK', [])
          return Object.assign([encoder.encode('good'), 'bad'], { close: () => void closed++ })
        }) as unknown as App,
        { errors: log },
      )
      const result = await raw(url, get())
      expect(result.responses[0]?.status).toBe(500)
      expect(result.bytes.toString('latin1')).not.toContain('good')
      expect(log.text).toContain('chunk 1')
      expect(closed).toBe(1)
    })

    it.skipIf(!ctx.supports('response-framing'))(
      'rethrows excInfo after the commit, so the connection is cut (spec §4.5.4, §6.2.3)',
      async () => {
        const log = ctx.errorLog()
        const url = await ctx.serve(
          (_environ, startResponse) => {
            startResponse('200 OK', [])
            return (function* () {
              yield encoder.encode('partial')
              startResponse('500 Internal Server Error', [], new Error('after the head'))
              yield encoder.encode('never')
            })()
          },
          { errors: log },
        )
        const result = await raw(url, get())
        expect(result.responses[0]?.status).toBe(200)
        expect(result.responses[0]?.complete).toBe(false)
        expect(result.bytes.toString('latin1')).not.toContain('never')
        expect(log.text).toContain('after the head')
      },
    )

    it('hands a request header byte above 0x7F to the app as the Latin-1 character (spec §2.3)', async () => {
      let seen: string | undefined
      const url = await ctx.serve((environ, startResponse) => {
        seen = environ.HTTP_X_NAME
        startResponse('200 OK', [])
        return []
      })
      const request = Buffer.concat([
        Buffer.from('GET / HTTP/1.1\r\nHost: x\r\nX-Name: caf', 'latin1'),
        Buffer.from([0xe9]),
        Buffer.from('\r\nConnection: close\r\n\r\n', 'latin1'),
      ])
      expect((await raw(url, request)).responses[0]?.status).toBe(200)
      expect(seen).toBe('caf\u00e9')
    })

    it('sends each Set-Cookie on its own field line (spec §4.2.5)', async () => {
      const url = await ctx.serve((_environ, startResponse) => {
        startResponse('200 OK', [
          ['set-cookie', 'a=1; Path=/'],
          ['set-cookie', 'b=2, c=3'],
        ])
        return []
      })
      const result = await raw(url, get())
      const lines = result.bytes
        .toString('latin1')
        .split('\r\n')
        .filter((line) => line.toLowerCase().startsWith('set-cookie:'))
      expect(lines.map((line) => line.slice(line.indexOf(':') + 1).trim())).toEqual(['a=1; Path=/', 'b=2, c=3'])
    })

    // Thrown values of every shape: thrown.ts, on every adapter.
  })
}
