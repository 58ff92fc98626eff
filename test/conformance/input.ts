import { type App, isHTTPError } from '@tsgi/core'
import { describe, expect, it } from 'vitest'
import { type Context, encoder } from './context.js'
import { delay, eventually, open, raw } from './raw.js'

/** Reads the whole input and echoes it, or answers 299 with the read error's status and message. */
const echo: App = async (environ, startResponse) => {
  const parts: Uint8Array[] = []
  try {
    for await (const chunk of environ['tsgi.input']) parts.push(chunk)
  } catch (error) {
    const status = isHTTPError(error) ? error.status : 0
    startResponse('299 Read Failed', [['x-error-status', `${status}`]])
    return [encoder.encode(String(error))]
  }
  startResponse('200 OK', [])
  return parts
}

export function inputTests(ctx: Context): void {
  const bodyErrors = ctx.supports('request-body-errors') ? it : it.skip
  describe('tsgi.input (spec §3.1, §3.2)', () => {
    it('streams a Content-Length body to the app', async () => {
      const url = await ctx.serve(echo)
      const response = await fetch(url, { method: 'POST', body: 'x'.repeat(100_000) })
      expect(response.status).toBe(200)
      expect((await response.text()).length).toBe(100_000)
    })

    it('streams a chunked body to the app', async () => {
      const url = await ctx.serve(echo)
      const request = 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n'
      const result = await raw(url, `${request}5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n`)
      expect(result.responses[0]?.status).toBe(200)
      expect(result.responses[0]?.body.toString()).toBe('hello world')
    })

    it('gives a bodiless request an input that ends at once', async () => {
      let count = -1
      const url = await ctx.serve(async (environ, startResponse) => {
        count = 0
        for await (const _ of environ['tsgi.input']) count++
        startResponse('200 OK', [])
        return []
      })
      await fetch(url)
      expect(count).toBe(0)
    })

    it('throws on a second iteration of a body', async () => {
      let second: unknown
      const url = await ctx.serve(async (environ, startResponse) => {
        for await (const _ of environ['tsgi.input']) break
        try {
          environ['tsgi.input'][Symbol.asyncIterator]()
        } catch (error) {
          second = error
        }
        startResponse('200 OK', [])
        return []
      })
      await fetch(url, { method: 'POST', body: 'abc' })
      expect(second).toBeInstanceOf(TypeError)
    })

    it('lets the app stop reading with break and still answer', async () => {
      const url = await ctx.serve(async (environ, startResponse) => {
        for await (const _ of environ['tsgi.input']) break
        startResponse('200 OK', [])
        return [encoder.encode('stopped')]
      })
      const response = await fetch(url, { method: 'POST', body: 'y'.repeat(1_000_000) })
      expect(await response.text()).toBe('stopped')
    })

    it('makes the read reject when the client sends less than its Content-Length', async () => {
      let failure: unknown
      const url = await ctx.serve(async (environ, startResponse) => {
        try {
          for await (const _ of environ['tsgi.input']);
        } catch (error) {
          failure = error
        }
        startResponse('200 OK', [])
        return []
      })
      const socket = await open(url)
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabcde')
      await delay(50)
      socket.destroy()
      expect(await eventually(() => failure !== undefined)).toBe(true)
      expect(failure).toBeInstanceOf(Error)
    })

    bodyErrors('makes the read reject on a malformed chunked body', async () => {
      let failure: unknown
      let done = false
      const url = await ctx.serve(async (environ, startResponse) => {
        try {
          for await (const _ of environ['tsgi.input']);
        } catch (error) {
          failure = error
        }
        done = true
        startResponse('200 OK', [])
        return []
      })
      const request = 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n'
      await raw(url, request, { timeout: 1000 })
      expect(await eventually(() => done)).toBe(true)
      expect(failure).toBeInstanceOf(Error)
    })

    it.skipIf(!ctx.supports('body-limit'))(
      'rejects the read with a 413 when a chunked body passes maxBodySize, without the extra bytes',
      async () => {
        let received = 0
        let failure: unknown
        const url = await ctx.serve(
          async (environ, startResponse) => {
            try {
              for await (const chunk of environ['tsgi.input']) received += chunk.byteLength
            } catch (error) {
              failure = error
              throw error
            }
            startResponse('200 OK', [])
            return []
          },
          { maxBodySize: 1000, errors: ctx.errorLog() },
        )
        const request = 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n'
        const body = `${'400\r\n'}${'z'.repeat(0x400)}\r\n0\r\n\r\n`
        const result = await raw(url, request + body)
        expect(result.responses[0]?.status).toBe(413)
        expect(isHTTPError(failure) && failure.status).toBe(413)
        expect(received).toBeLessThanOrEqual(1000)
      },
    )

    it.skipIf(!ctx.supports('body-limit'))(
      'answers 413 without calling the app when Content-Length is over maxBodySize',
      async () => {
        let called = false
        const url = await ctx.serve(
          (_environ, startResponse) => {
            called = true
            startResponse('200 OK', [])
            return []
          },
          { maxBodySize: 10 },
        )
        const result = await raw(url, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n')
        expect(result.responses[0]?.status).toBe(413)
        expect(called).toBe(false)
      },
    )

    it('accepts a body of exactly maxBodySize', async () => {
      const url = await ctx.serve(echo, { maxBodySize: 10 })
      const response = await fetch(url, { method: 'POST', body: '0123456789' })
      expect(await response.text()).toBe('0123456789')
    })

    it('answers Expect: 100-continue only when the app reads', async () => {
      const url = await ctx.serve(echo)
      const head =
        'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n'
      const result = await raw(url, '', {
        write: async (socket) => {
          socket.write(head)
          // The body goes only after the interim response, as a careful client would do.
          await new Promise<void>((resolve) => socket.once('data', () => resolve()))
          socket.write('hello')
        },
      })
      const text = result.bytes.toString('latin1')
      expect(text.startsWith('HTTP/1.1 100 Continue\r\n')).toBe(true)
      expect(result.responses.at(-1)?.body.toString()).toBe('hello')
    })

    it.skipIf(!ctx.supports('expect-continue'))(
      'sends no 100 Continue when the app answers without reading',
      async () => {
        const url = await ctx.serve((_environ, startResponse) => {
          startResponse('401 Unauthorized', [])
          return []
        })
        const head = 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n'
        const result = await raw(url, head, { responses: 1 })
        expect(result.responses[0]?.status).toBe(401)
        expect(result.bytes.toString('latin1')).not.toContain('100 Continue')
      },
    )
  })
}
