// The middleware's paths through @tsgi/test, with lint() on: each response must also satisfy
// the interface (excInfo on the second startResponse, close() once, bytes only).
import type { App } from '@tsgi/core'
import { exceptionMiddleware, MethodNotAllowed, NotFound } from '@tsgi/exceptions'
import { request, stream } from '@tsgi/test'
import { describe, expect, it } from 'vitest'

const encoder = new TextEncoder()
const encode = (text: string): Uint8Array => encoder.encode(text)

const started =
  (body: () => Iterable<Uint8Array> | AsyncIterable<Uint8Array>): App =>
  (_environ, startResponse) => {
    startResponse('200 OK', [['content-type', 'text/plain']])
    return body()
  }

const failures: [string, App][] = [
  [
    'a synchronous throw',
    () => {
      throw new Error('sync <b>')
    },
  ],
  [
    'a rejected promise',
    async () => {
      throw new Error('async <b>')
    },
  ],
  [
    'a sync body that throws before its first chunk',
    started(function* () {
      yield new Uint8Array(0)
      throw new Error('sync body <b>')
    }),
  ],
  [
    'an async body that throws before its first chunk',
    started(async function* () {
      yield new Uint8Array(0)
      throw new Error('async body <b>')
    }),
  ],
]

describe('exceptionMiddleware(app) under @tsgi/test', () => {
  describe.each(failures)('for %s', (_name, app) => {
    it('answers a 500 in text with nothing of the error', async () => {
      const res = await request(exceptionMiddleware(app), 'GET /')
      expect(res.status).toBe(500)
      expect(res.header('content-type')).toBe('text/plain; charset=utf-8')
      expect(res.text()).toBe('500 Internal Server Error\n')
      expect(res.errors).toMatch(/^\[tsgi\] GET \/: /)
      expect(res.errors).toMatch(/<b>\n\s+at /)
    })

    it('answers JSON when the client asks for it', async () => {
      const res = await request(exceptionMiddleware(app), 'GET /', { headers: { accept: 'application/json' } })
      expect(res.header('content-type')).toBe('application/json; charset=utf-8')
      expect(res.json()).toEqual({ error: { status: 500, message: 'Internal Server Error' } })
    })

    it('answers escaped HTML with the stack in debug mode', async () => {
      const res = await request(exceptionMiddleware(app, { debug: true }), 'GET /<i>', {
        headers: { accept: 'text/html' },
      })
      expect(res.status).toBe(500)
      expect(res.header('content-type')).toBe('text/html; charset=utf-8')
      expect(res.text()).toContain('&lt;b&gt;')
      expect(res.text()).toContain('GET /&lt;i&gt; HTTP/1.1')
      expect(res.text()).not.toMatch(/<[bi]>/)
      expect(res.text()).toMatch(/\n\s+at /)
    })
  })

  it('keeps the status, headers and message of a 405', async () => {
    const app = exceptionMiddleware(() => {
      throw new MethodNotAllowed(['GET', 'HEAD'], 'Use GET')
    })
    const res = await request(app, 'POST /', { headers: { accept: 'text/plain' } })
    expect(res.status).toBe(405)
    expect(res.header('allow')).toBe('GET, HEAD')
    expect(res.text()).toBe('405 Method Not Allowed\n\nUse GET\n')
  })

  it('sends the status and headers but no body for HEAD', async () => {
    const app = exceptionMiddleware(() => {
      throw new NotFound()
    })
    const res = await request(app, 'HEAD /')
    expect(res.status).toBe(404)
    expect(res.body.byteLength).toBe(0)
    expect(Number(res.header('content-length'))).toBeGreaterThan(0)
  })

  it('leaves a response alone when nothing fails', async () => {
    const app = exceptionMiddleware(started(() => [encode('a'), encode('b')]))
    const res = await request(app, 'GET /')
    expect(res.status).toBe(200)
    expect(res.text()).toBe('ab')
    expect(res.errors).toBe('')
  })

  it('does not recover a response whose headers went out: the read after the first chunk rejects', async () => {
    let closed = 0
    const inner: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      const chunks = (async function* () {
        yield encode('first')
        throw new Error('late')
      })()
      return Object.assign(chunks, { close: () => void closed++ })
    }
    const res = await stream(exceptionMiddleware(inner), 'GET /')
    expect(res.status).toBe(200)
    const received: string[] = []
    await expect(
      (async () => {
        for await (const chunk of res.chunks) received.push(new TextDecoder().decode(chunk))
      })(),
    ).rejects.toMatchObject({ status: 500, cause: new Error('late') })
    expect(received).toEqual(['first'])
    expect(res.errors).toContain('Error: late')
    expect(closed).toBe(1)
  })
})
