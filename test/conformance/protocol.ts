import type { App } from '@tsgi/core'
import { describe, expect, it } from 'vitest'
import { type Context, encoder } from './context.js'
import { raw } from './raw.js'

/** An app that counts its calls and answers with the path. */
function counting(): { app: App; calls: () => number } {
  let calls = 0
  const app: App = (environ, startResponse) => {
    calls++
    startResponse('200 OK', [['content-type', 'text/plain']])
    return [encoder.encode(environ.PATH_INFO)]
  }
  return { app, calls: () => calls }
}

// Each of these is refused by the HTTP parser: a 400 and a closed connection, the app never runs.
const MALFORMED: ReadonlyArray<readonly [string, string]> = [
  [
    'Content-Length with Transfer-Encoding (CL.TE smuggling)',
    'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  ],
  ['two different Content-Lengths', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab'],
  ['a bare CR in a header', 'GET / HTTP/1.1\r\nHost: x\rX-Evil: 1\r\n\r\n'],
  ['a bare LF line ending', 'GET / HTTP/1.1\nHost: x\n\n'],
  ['a header name with a space', 'GET / HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\n\r\n'],
  ['a space before the colon', 'GET / HTTP/1.1\r\nHost: x\r\nX-A : 1\r\n\r\n'],
  ['an obsolete line folding', 'GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n  folded\r\n\r\n'],
  [
    'a Transfer-Encoding other than chunked last',
    'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n',
  ],
  ['a non-numeric Content-Length', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n'],
  ['a request line with a bad version', 'GET / HTTP/1.x\r\nHost: x\r\n\r\n'],
  ['an HTTP/1.1 request without Host', 'GET / HTTP/1.1\r\n\r\n'],
  ['a NUL in the request target', 'GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n'],
]

export function protocolTests(ctx: Context): void {
  const parsed = ctx.supports('request-parsing') ? it : it.skip
  describe('the wire (spec §6.4)', () => {
    it('answers pipelined requests in order on one connection', async () => {
      const { app, calls } = counting()
      const url = await ctx.serve(app)
      const request = (path: string, close = false): string =>
        `GET ${path} HTTP/1.1\r\nHost: x\r\n${close ? 'Connection: close\r\n' : ''}\r\n`
      const result = await raw(url, request('/one') + request('/two') + request('/three', true))
      expect(result.responses.map((response) => response.body.toString())).toEqual(['/one', '/two', '/three'])
      expect(calls()).toBe(3)
    })

    it('keeps a connection alive between requests by default', async () => {
      const { app } = counting()
      const url = await ctx.serve(app)
      const result = await raw(url, 'GET /a HTTP/1.1\r\nHost: x\r\n\r\n', { responses: 1, timeout: 1000 })
      expect(result.closed).toBe(false)
      expect(result.responses[0]?.headers.connection ?? 'keep-alive').toBe('keep-alive')
    })

    for (const [label, request] of MALFORMED) {
      parsed(`refuses ${label} with a 400 and never runs the app`, async () => {
        const { app, calls } = counting()
        const url = await ctx.serve(app)
        const result = await raw(url, request)
        expect(result.responses[0]?.status).toBe(400)
        expect(result.closed).toBe(true)
        expect(calls()).toBe(0)
      })
    }

    it.skipIf(!ctx.supports('header-count-limit'))(
      'answers 431 to more header fields than the limit (100 by default)',
      async () => {
        const { app, calls } = counting()
        const url = await ctx.serve(app)
        const fields = Array.from({ length: 101 }, (_, index) => `X-F${index}: ${index}\r\n`).join('')
        const result = await raw(url, `GET / HTTP/1.1\r\nHost: x\r\n${fields}\r\n`)
        expect(result.responses[0]?.status).toBe(431)
        expect(calls()).toBe(0)
      },
    )

    it('accepts exactly the limit of header fields', async () => {
      const { app, calls } = counting()
      const url = await ctx.serve(app)
      const fields = Array.from({ length: 98 }, (_, index) => `X-F${index}: ${index}\r\n`).join('')
      const result = await raw(url, `GET / HTTP/1.1\r\nHost: x\r\n${fields}Connection: close\r\n\r\n`)
      expect(result.responses[0]?.status).toBe(200)
      expect(calls()).toBe(1)
    })

    parsed('answers 431 to a request head over 16 KiB', async () => {
      const { app, calls } = counting()
      const url = await ctx.serve(app)
      const result = await raw(url, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`)
      expect(result.responses[0]?.status).toBe(431)
      expect(calls()).toBe(0)
    })

    it.skipIf(!ctx.supports('transfer-codings'))(
      'answers 501 without calling the app to a transfer coding other than chunked (spec §6.2.4)',
      async () => {
        const { app, calls } = counting()
        const url = await ctx.serve(app)
        for (const coding of ['gzip', 'gzip, chunked']) {
          const body = coding === 'gzip' ? 'abc' : '3\r\nabc\r\n0\r\n\r\n'
          const result = await raw(
            url,
            `POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ${coding}\r\nConnection: close\r\n\r\n${body}`,
          )
          expect(result.responses[0]?.status, coding).toBe(501)
        }
        expect(calls()).toBe(0)
      },
    )

    it('accepts the absolute form of the request target', async () => {
      const { app } = counting()
      const url = await ctx.serve(app)
      const result = await raw(url, 'GET http://x/abs/path?q=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
      expect(result.responses[0]?.body.toString()).toBe('/abs/path')
    })
  })
}
