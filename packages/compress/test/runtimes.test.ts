// What each runtime gets: node:zlib (all encodings, streams flushed per chunk), CompressionStream
// alone (gzip and deflate for whole bodies; streams pass through), or neither (nothing compressed).
// The runtime is chosen when compress() is called, so these tests hide node:zlib from it.
import * as zlib from 'node:zlib'
import { compress } from '@tsgi/compress'
import type { App } from '@tsgi/core'
import { request } from '@tsgi/test'
import { afterEach, describe, expect, it, vi } from 'vitest'

const encoder = new TextEncoder()
const text = 'runtime '.repeat(1000)
const arrayApp: App = (_environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'text/plain']])
  return [encoder.encode(text)]
}
const streamApp: App = (_environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'text/event-stream']])
  return (function* () {
    yield encoder.encode(text)
  })()
}
const hasZstd = typeof (zlib as { zstdDecompressSync?: unknown }).zstdDecompressSync === 'function'

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

describe('compress(app) where node:zlib has zstd (Node ≥ 22.15)', () => {
  it.skipIf(!hasZstd)('prefers zstd and streams it flushed', async () => {
    const decode = (zlib as unknown as { zstdDecompressSync(b: Uint8Array): Buffer }).zstdDecompressSync
    const res = await request(compress(arrayApp), { headers: { 'accept-encoding': 'gzip, br, zstd' } })
    expect(res.header('content-encoding')).toBe('zstd')
    expect(decode(res.body).toString()).toBe(text)
    const streamed = await request(compress(streamApp), { headers: { 'accept-encoding': 'zstd' } })
    expect(decode(streamed.body).toString()).toBe(text)
  })

  it.skipIf(hasZstd)('offers no zstd where node:zlib has none (Node 20): identity for zstd alone', async () => {
    const res = await request(compress(arrayApp), { headers: { 'accept-encoding': 'zstd' } })
    expect(res.header('content-encoding')).toBeUndefined()
    expect(res.text()).toBe(text)
  })
})

describe('compress(app) without node:zlib', () => {
  it('uses CompressionStream for a whole body: gzip with its Content-Length', async () => {
    vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined as never)
    const app = compress(arrayApp)
    const res = await request(app, { headers: { 'accept-encoding': 'br, gzip' } })
    expect(res.header('content-encoding')).toBe('gzip')
    expect(Number(res.header('content-length'))).toBe(res.body.length)
    expect(zlib.gunzipSync(res.body).toString()).toBe(text)
    const deflated = await request(app, { headers: { 'accept-encoding': 'deflate' } })
    expect(zlib.inflateSync(deflated.body).toString()).toBe(text)
  })

  it('passes a stream through, since a CompressionStream cannot flush per chunk', async () => {
    vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined as never)
    const res = await request(compress(streamApp), { headers: { 'accept-encoding': 'gzip' } })
    expect(res.header('content-encoding')).toBeUndefined()
    expect(res.header('vary')).toBe('Accept-Encoding')
    expect(res.text()).toBe(text)
  })

  it('compresses nothing where neither exists, and still adds Vary', async () => {
    vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined as never)
    vi.stubGlobal('CompressionStream', undefined)
    const res = await request(compress(arrayApp), { headers: { 'accept-encoding': 'gzip' } })
    expect(res.header('content-encoding')).toBeUndefined()
    expect(res.header('vary')).toBe('Accept-Encoding')
    expect(res.text()).toBe(text)
  })
})
