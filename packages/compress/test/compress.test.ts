// Every rule of the middleware through the test client, lint on.
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'
import { compress } from '@tsgi/compress'
import type { App, Body, HeaderList } from '@tsgi/core'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'

const encoder = new TextEncoder()
const text = 'The quick brown fox jumps over the lazy dog. '.repeat(100) // 4500 bytes
const json = JSON.stringify(Array.from({ length: 200 }, (_, id) => ({ id, name: `user ${id}` })))

/** An app answering `body` (an array body by default) with these headers. */
function answer(headers: HeaderList, body: string = text, options: { status?: string; stream?: boolean } = {}): App {
  return (_environ, startResponse) => {
    startResponse(options.status ?? '200 OK', headers)
    if (!options.stream) return [encoder.encode(body)]
    return (function* () {
      yield encoder.encode(body.slice(0, 1000))
      yield encoder.encode(body.slice(1000))
    })()
  }
}

const plain: HeaderList = [['content-type', 'text/plain; charset=utf-8']]
const get = (app: App, acceptEncoding?: string, method = 'GET') =>
  request(app, {
    method,
    path: '/',
    headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
  })

describe('compress(app): negotiation', () => {
  it.each([
    ['gzip', 'gzip', gunzipSync],
    ['br', 'br', brotliDecompressSync],
    ['deflate', 'deflate', inflateSync],
    ['gzip, deflate, br', 'br', brotliDecompressSync],
    ['gzip;q=1, br;q=0.5', 'gzip', gunzipSync],
    ['*', 'br', brotliDecompressSync],
    ['br;q=0, *', 'gzip', gunzipSync],
  ] as const)('for Accept-Encoding %j sends %s', async (header, encoding, decode) => {
    const res = await get(compress(answer(plain)), header)
    expect(res.header('content-encoding')).toBe(encoding)
    expect(new TextDecoder().decode(decode(res.body))).toBe(text)
  })

  it.each([undefined, '', 'identity', 'compress', 'gzip;q=0', 'identity, gzip;q=0.5'])(
    'for Accept-Encoding %j sends identity',
    async (header) => {
      const res = await get(compress(answer(plain)), header)
      expect(res.header('content-encoding')).toBeUndefined()
      expect(res.text()).toBe(text)
    },
  )

  it('sends identity, not a 406, when identity is refused and no offered encoding is acceptable', async () => {
    for (const header of ['compress, identity;q=0', '*;q=0']) {
      const res = await get(compress(answer(plain)), header)
      expect(res.status).toBe(200)
      expect(res.header('content-encoding')).toBeUndefined()
      expect(res.header('vary')).toBe('Accept-Encoding')
      expect(res.text()).toBe(text)
    }
  })

  it('offers only the configured encodings, in the configured order', async () => {
    const app = compress(answer(plain), { encodings: ['gzip', 'br'] })
    expect((await get(app, 'br, gzip')).header('content-encoding')).toBe('gzip')
    expect((await get(app, 'deflate')).header('content-encoding')).toBeUndefined()
  })

  it('answers a header with absurdly many entries with a 431', async () => {
    const header = Array.from({ length: 1000 }, (_, index) => `x-${index}`).join(', ')
    await expect(get(compress(answer(plain)), header)).rejects.toMatchObject({ status: 431 })
  })
})

describe('compress(app): leave alone', () => {
  it.each([
    ['HEAD', answer(plain), 'HEAD'],
    ['204', answer([], '', { status: '204 No Content' }), 'GET'],
    ['304', answer([['etag', '"a"']], '', { status: '304 Not Modified' }), 'GET'],
    ['206', answer([...plain, ['content-range', 'bytes 0-4499/9000']], text, { status: '206 Partial Content' }), 'GET'],
    ['a Content-Range on a 200', answer([...plain, ['content-range', 'bytes */9000']]), 'GET'],
    ['an existing Content-Encoding', answer([...plain, ['content-encoding', 'identity']]), 'GET'],
    ['Cache-Control: no-transform', answer([...plain, ['cache-control', 'public, no-transform']]), 'GET'],
    ['an image', answer([['content-type', 'image/png']]), 'GET'],
    ['no Content-Type', answer([]), 'GET'],
    ['an array body under the threshold', answer(plain, 'short'), 'GET'],
    [
      'a stream with a Content-Length under the threshold',
      answer([...plain, ['content-length', '5']], 'short', { stream: true }),
      'GET',
    ],
  ] as const)('leaves alone %s, adding Vary', async (_name, app, method) => {
    const res = await get(compress(app), 'gzip, br', method)
    expect(res.header('content-encoding') ?? 'none').not.toMatch(/gzip|br/)
    expect(res.header('vary')).toBe('Accept-Encoding')
  })

  it('keeps an array body that is left alone the same array (the server fast path)', () => {
    const array = [encoder.encode('short')]
    const inner: App = (_e, startResponse) => {
      startResponse('200 OK', plain)
      return array
    }
    const environ = { REQUEST_METHOD: 'GET', HTTP_ACCEPT_ENCODING: 'gzip' } as never
    expect(compress(inner)(environ, () => {})).toBe(array)
    expect(compress(inner)({ REQUEST_METHOD: 'GET' } as never, () => {})).toBe(array)
  })
})

describe('compress(app): headers', () => {
  it('merges Vary with an existing one, once, and leaves Vary: * alone', async () => {
    const cases: [HeaderList, string][] = [
      [[...plain, ['vary', 'Accept-Language']], 'Accept-Language, Accept-Encoding'],
      [[...plain, ['Vary', 'accept-encoding']], 'accept-encoding'],
      [[...plain, ['vary', '*']], '*'],
    ]
    for (const [headers, vary] of cases) {
      for (const accept of ['gzip', 'identity']) {
        const res = await get(compress(answer(headers)), accept)
        expect(res.headers.filter(([name]) => name.toLowerCase() === 'vary')).toHaveLength(1)
        expect(res.header('vary')).toBe(vary)
      }
    }
  })

  it('drops Content-Length of a stream and makes a strong ETag weak; a weak one stays', async () => {
    const headers: HeaderList = [...plain, ['content-length', String(text.length)], ['etag', '"v1"']]
    const res = await get(compress(answer(headers, text, { stream: true })), 'gzip')
    expect(res.header('content-length')).toBeUndefined()
    expect(res.header('etag')).toBe('W/"v1"')
    expect(gunzipSync(res.body).toString()).toBe(text)
    const weak = await get(compress(answer([...plain, ['etag', 'W/"v1"']])), 'gzip')
    expect(weak.header('etag')).toBe('W/"v1"')
  })

  it('compresses an array body in one go, as one chunk with its Content-Length', async () => {
    const inner: App = (_e, startResponse) => {
      startResponse('200 OK', [
        ['content-type', 'application/json'],
        ['content-length', String(json.length)],
      ])
      return [encoder.encode(json.slice(0, 100)), encoder.encode(json.slice(100))]
    }
    const body = compress(inner)({ REQUEST_METHOD: 'GET', HTTP_ACCEPT_ENCODING: 'gzip' } as never, () => {}) as Body
    expect(Array.isArray(body)).toBe(true)
    expect(body).toHaveLength(1)
    const res = await get(compress(inner), 'gzip')
    expect(Number(res.header('content-length'))).toBe(res.body.length)
    expect(res.body.length).toBeLessThan(json.length / 4)
    expect(gunzipSync(res.body).toString()).toBe(json)
  })
})

describe('compress(app): close()', () => {
  it('closes an array body exactly once, compressed or not', async () => {
    for (const accept of ['gzip', 'identity']) {
      let closes = 0
      const inner: App = (_e, startResponse) => {
        startResponse('200 OK', plain)
        return Object.assign([encoder.encode(text)], { close: () => void closes++ })
      }
      const res = await get(compress(inner), accept)
      expect(res.text().length > 0).toBe(true)
      expect(closes).toBe(1)
    }
  })
})

describe('compress(app): a large array body', () => {
  const big = text.repeat(30) // 135 KB: compressed off the event loop
  const inner: App = (_e, startResponse) => {
    startResponse('200 OK', plain)
    return [encoder.encode(big)]
  }

  it.each([
    ['gzip', gunzipSync],
    ['br', brotliDecompressSync],
    ['deflate', inflateSync],
  ] as const)(
    'is compressed in the thread pool, still one chunk with its Content-Length (%s)',
    async (encoding, decode) => {
      const result = compress(inner)({ REQUEST_METHOD: 'GET', HTTP_ACCEPT_ENCODING: encoding } as never, () => {})
      expect(result).toBeInstanceOf(Promise)
      const body = (await result) as Uint8Array[]
      expect(body).toHaveLength(1)
      const res = await get(compress(inner), encoding)
      expect(Number(res.header('content-length'))).toBe(res.body.length)
      expect(decode(res.body).toString()).toBe(big)
    },
  )
})

describe('compress(app, options): argument errors', () => {
  it('throws at build time, naming the option and the value', () => {
    const app = answer(plain)
    expect(() => compress(42 as never)).toThrow(/app must be a function, got 42/)
    expect(() => compress(app, { encodings: ['lzma' as never] })).toThrow(
      /encodings may list zstd, br, gzip, deflate, got "lzma"/,
    )
    expect(() => compress(app, { threshold: -1 })).toThrow(RangeError)
    expect(() => compress(app, { level: { br: 12 } })).toThrow(/level.br must be an integer from 0 to 11, got 12/)
    expect(() => compress(app, { level: { lz4: 1 } as never })).toThrow(/unknown encoding "lz4"/)
    expect(() => compress(app, { filter: 'text' as never })).toThrow(/filter must be a function, got "text"/)
  })
})
