// Streamed bodies through the test client, lint on: a flush per chunk, back-pressure, bounded
// memory on an endless body, and the inner close() exactly once on every path.
import { brotliDecompressSync, constants, gunzipSync } from 'node:zlib'
import { compress } from '@tsgi/compress'
import { type App, type Body, bodyChannel } from '@tsgi/core'
import { exceptionMiddleware } from '@tsgi/exceptions'
import { request, stream } from '@tsgi/test'
import { describe, expect, it, vi } from 'vitest'

const encoder = new TextEncoder()
const sse = [
  ['content-type', 'text/event-stream'],
  ['cache-control', 'no-cache'],
] as [string, string][]

/** Decodes the bytes received so far of a flushed stream, which has no end yet. */
const decoders = {
  gzip: (bytes: Uint8Array) => gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }).toString(),
  br: (bytes: Uint8Array) => brotliDecompressSync(bytes, { finishFlush: constants.BROTLI_OPERATION_FLUSH }).toString(),
}

function join(parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts)
}

/** An event stream whose pulls and close() are counted. */
function events(count: number, log: { pulls: number; closes: number; returns: number }): App {
  return (_environ, startResponse) => {
    startResponse('200 OK', sse)
    let index = 0
    return {
      [Symbol.asyncIterator]() {
        return {
          async next() {
            log.pulls++
            if (index === count) return { done: true as const, value: undefined }
            return { done: false as const, value: encoder.encode(`data: event ${index++}\n\n`) }
          },
          async return() {
            log.returns++
            return { done: true as const, value: undefined }
          },
        }
      },
      close() {
        log.closes++
      },
    }
  }
}

describe('compress(app) on a streamed body', () => {
  it.each(['gzip', 'br'] as const)(
    'sends an event stream event by event, each decodable on arrival (%s)',
    async (encoding) => {
      const log = { pulls: 0, closes: 0, returns: 0 }
      const res = await stream(compress(events(5, log)), { headers: { 'accept-encoding': encoding } })
      expect(res.header('content-encoding')).toBe(encoding)
      expect(res.header('content-length')).toBeUndefined()
      const received: Uint8Array[] = []
      let expected = ''
      let index = 0
      for await (const chunk of res.chunks) {
        received.push(chunk)
        if (index < 5) {
          expected += `data: event ${index++}\n\n`
          // Pulled no further than the event just sent: the app is never read ahead.
          expect(log.pulls).toBe(index)
          expect(decoders[encoding](join(received))).toBe(expected)
        }
      }
      await vi.waitFor(() => expect(log.closes).toBe(1))
    },
  )

  it('keeps memory bounded on an endless body: one pull per chunk sent, output no bigger than its input', async () => {
    let pulls = 0
    let closes = 0
    const block = encoder.encode('endless text '.repeat(5000)) // 65000 bytes
    const endless: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return Object.assign(
        (function* () {
          for (;;) {
            pulls++
            yield block
          }
        })(),
        { close: () => void closes++ },
      )
    }
    const res = await stream(compress(endless), { headers: { 'accept-encoding': 'gzip' } })
    let read = 1
    for await (const chunk of res.chunks) {
      expect(chunk.length).toBeLessThan(block.length)
      if (++read === 200) break // 13 MB in, the client leaves
    }
    expect(pulls).toBeLessThanOrEqual(read + 1)
    await vi.waitFor(() => expect(closes).toBe(1))
  })

  it('lets back-pressure reach the app: a write resolves only once the client took its chunk', async () => {
    const channel = bodyChannel()
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return channel
    }
    const opened = stream(compress(app), { headers: { 'accept-encoding': 'gzip' } })
    await channel.write(encoder.encode('first '.repeat(400)))
    const res = await opened
    let taken = false
    const second = channel.write(encoder.encode('second '.repeat(400))).then(() => (taken = true))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(taken).toBe(false) // the client has not asked for more
    const iterator = res.chunks[Symbol.asyncIterator]()
    await iterator.next() // the first chunk
    const next = iterator.next()
    await second
    expect(taken).toBe(true)
    channel.end()
    await next
    await iterator.return?.()
  })

  it('closes the inner body once when the client leaves, also while a chunk is being compressed', async () => {
    const log = { pulls: 0, closes: 0, returns: 0 }
    const res = await stream(compress(events(1000, log)), { headers: { 'accept-encoding': 'br' } })
    const iterator = res.chunks[Symbol.asyncIterator]()
    await iterator.next()
    const pending = iterator.next()
    res.abort()
    await pending
    await vi.waitFor(() => expect(log.closes).toBe(1))
    await vi.waitFor(() => expect(log.returns).toBe(1))
  })

  it('closes the inner body once when it ends, when it fails, and when nothing is compressed', async () => {
    const ended = { pulls: 0, closes: 0, returns: 0 }
    const gzipped = await request(compress(events(3, ended)), { headers: { 'accept-encoding': 'gzip' } })
    expect(gunzipSync(gzipped.body).toString()).toBe('data: event 0\n\ndata: event 1\n\ndata: event 2\n\n')
    expect(ended.closes).toBe(1)
    const identity = { pulls: 0, closes: 0, returns: 0 }
    await request(compress(events(3, identity)), { headers: { 'accept-encoding': 'identity' } })
    expect(identity.closes).toBe(1)

    let closes = 0
    const failing: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return Object.assign(
        (async function* () {
          yield encoder.encode('x'.repeat(2000))
          throw new Error('database went away')
        })(),
        { close: () => void closes++ },
      )
    }
    await expect(request(compress(failing), { headers: { 'accept-encoding': 'gzip' } })).rejects.toThrow(
      'database went away',
    )
    expect(closes).toBe(1)
  })

  it('re-decides when an inner middleware replaces the response before the first chunk', async () => {
    const failing: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return (async function* () {
        yield new Uint8Array(0)
        throw new Error('failed before any byte')
      })()
    }
    const errors: string[] = []
    const res = await request(compress(exceptionMiddleware(failing)), {
      headers: { 'accept-encoding': 'gzip', accept: 'text/plain' },
      errors: { write: (text: string) => void errors.push(text), flush() {} } as never,
    })
    expect(res.status).toBe(500)
    expect(res.header('content-encoding')).toBeUndefined() // a 21-byte page, under the threshold
    expect(res.header('vary')).toBe('accept, Accept-Encoding')
    expect(res.text()).toBe('500 Internal Server Error\n')
  })

  it('decides when startResponse is called lazily, from the first pull of the body', async () => {
    const lazy: App = (_environ, startResponse) =>
      (function* () {
        startResponse('200 OK', [['content-type', 'text/plain']])
        yield encoder.encode('lazy '.repeat(1000))
      })()
    const res = await request(compress(lazy), { headers: { 'accept-encoding': 'gzip' } })
    expect(res.header('content-encoding')).toBe('gzip')
    expect(gunzipSync(res.body).toString()).toBe('lazy '.repeat(1000))
  })

  it('works with an app that returns a promise', async () => {
    const asyncApp: App = async (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return [encoder.encode('async '.repeat(1000))] as Body
    }
    const res = await request(compress(asyncApp), { headers: { 'accept-encoding': 'gzip' } })
    expect(Number(res.header('content-length'))).toBe(res.body.length)
    expect(gunzipSync(res.body).toString()).toBe('async '.repeat(1000))
  })
})
