import { type App, type Environ, readBody, type StartResponse } from '@tsgi/core'
import { exceptionMiddleware } from '@tsgi/exceptions'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { bodyLimit } from '../src/index.js'

const encoder = new TextEncoder()

/** An app that reads its body chunk by chunk, recording what it saw, and answers its size. */
function reader(): App & { seen: number[]; calls: number } {
  const app = (async (environ: Environ, startResponse: StartResponse) => {
    app.calls++
    for await (const chunk of environ['tsgi.input']) app.seen.push(chunk.length)
    startResponse('200 OK', [['content-type', 'text/plain']])
    return [encoder.encode(String(app.seen.reduce((a, b) => a + b, 0)))]
  }) as unknown as App & { seen: number[]; calls: number }
  app.seen = []
  app.calls = 0
  return app
}

/** A chunked request body of `count` chunks of `size` bytes that records how many were pulled. */
function chunked(count: number, size: number): AsyncIterable<Uint8Array> & { pulled: number; stopped: boolean } {
  const body = {
    pulled: 0,
    stopped: false,
    async *[Symbol.asyncIterator]() {
      try {
        for (let i = 0; i < count; i++) {
          body.pulled++
          yield new Uint8Array(size).fill(97)
        }
      } finally {
        body.stopped = true
      }
    },
  }
  return body
}

describe('bodyLimit(app, bytes)', () => {
  it('answers a declared Content-Length over the limit with 413 before the app runs', async () => {
    const app = reader()
    const res = await request(exceptionMiddleware(bodyLimit(app, 10)), 'POST /', { body: 'x'.repeat(11) })
    expect(res.status).toBe(413)
    expect(res.text()).toContain('The request body is larger than 10 bytes')
    expect(app.calls).toBe(0)
  })

  it('throws core PayloadTooLarge when nothing renders it', async () => {
    await expect(request(bodyLimit(reader(), 10), 'POST /', { body: 'x'.repeat(11) })).rejects.toMatchObject({
      name: 'PayloadTooLarge',
      status: 413,
    })
  })

  it('passes a declared length within the limit through with the environ untouched', async () => {
    let same = false
    const inner: App = async (environ, startResponse) => {
      same = environ === outer
      startResponse('200 OK', [])
      return [await readBody(environ)]
    }
    let outer: unknown
    const spy: App = (environ, startResponse) => {
      outer = environ
      return bodyLimit(inner, 10)(environ, startResponse)
    }
    const res = await request(spy, 'POST /', { body: 'x'.repeat(10) })
    expect(res.text()).toBe('x'.repeat(10))
    expect(same).toBe(true)
  })

  it('passes a request without a body through with the environ untouched (no copy for a GET)', async () => {
    let seen: unknown
    let outer: unknown
    const inner: App = (environ, startResponse) => {
      seen = environ
      startResponse('204 No Content', [])
      return []
    }
    const spy: App = (environ, startResponse) => {
      outer = environ
      return bodyLimit(inner, 10)(environ, startResponse)
    }
    // Lint off for this one: lint hands the app its own watched input, never core's shared one.
    await request(spy, 'GET /', { lint: false })
    expect(seen).toBe(outer)
  })

  it('makes the read that crosses the limit of a chunked body reject with 413; the app never sees the extra bytes', async () => {
    const app = reader()
    const body = chunked(100, 4)
    const res = await request(exceptionMiddleware(bodyLimit(app, 10)), 'POST /', { body })
    expect(res.status).toBe(413)
    expect(app.seen).toEqual([4, 4]) // 8 bytes; the third chunk (12 > 10) was not handed over
    expect(body.pulled).toBe(3) // reading stopped at the chunk that crossed
    expect(body.stopped).toBe(true)
  })

  it("rejects readBody's read the same way, whatever readBody's own limit", async () => {
    const inner: App = async (environ, startResponse) => {
      const bytes = await readBody(environ, { limit: 1 << 20 })
      startResponse('200 OK', [])
      return [bytes]
    }
    const res = await request(exceptionMiddleware(bodyLimit(inner, 1000)), 'POST /', { body: chunked(3, 400) })
    expect(res.status).toBe(413)
  })

  it('hands a chunked body within the limit to the app whole, and keeps the input single-consumer', async () => {
    const app = reader()
    const res = await request(bodyLimit(app, 12), 'POST /', { body: chunked(3, 4) })
    expect(res.text()).toBe('12')
    let second: unknown
    const twice: App = async (environ, startResponse) => {
      for await (const _ of environ['tsgi.input']) break
      try {
        environ['tsgi.input'][Symbol.asyncIterator]()
      } catch (error) {
        second = error
      }
      startResponse('204 No Content', [])
      return []
    }
    await request(bodyLimit(twice, 12), 'POST /', { body: chunked(3, 4) })
    expect(String(second)).toMatch(/tsgi\.input .*once/) // the server's rule (lint's words here), passed through
  })

  it('answers 413 on every read after the limit was crossed, so a caught error cannot resume the body', async () => {
    const results: string[] = []
    const inner: App = async (environ, startResponse) => {
      const it = environ['tsgi.input'][Symbol.asyncIterator]()
      for (let i = 0; i < 4; i++) {
        try {
          const step = await it.next()
          results.push(step.done ? 'done' : String(step.value.length))
        } catch (error) {
          results.push(String((error as { status: number }).status))
        }
      }
      startResponse('204 No Content', [])
      return []
    }
    await request(bodyLimit(inner, 5), 'POST /', { body: chunked(10, 3) })
    expect(results).toEqual(['3', '413', '413', '413'])
  })

  it('throws at build time for a bad app or limit', () => {
    expect(() => bodyLimit(undefined as never, 1)).toThrow('bodyLimit(): app must be a function, got undefined')
    for (const bytes of [-1, 1.5, '10', Number.POSITIVE_INFINITY]) {
      expect(() => bodyLimit(reader(), bytes as never)).toThrow(RangeError)
    }
  })
})
