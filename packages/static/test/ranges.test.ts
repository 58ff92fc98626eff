import { request } from '@tsgi/test'
import { afterAll, describe, expect, it } from 'vitest'
import { serveStatic } from '../src/index.js'
import { type Fixture, MTIME, makeFixture } from './_fixture.js'

const fixture: Fixture = makeFixture()
afterAll(() => fixture.remove())
const app = serveStatic(fixture.root)
const SIZE = 200 * 1024

const range = (value: string, headers: Record<string, string> = {}) =>
  request(app, 'GET /big.bin', { headers: { range: value, ...headers } })

describe('serveStatic(root): byte ranges (RFC 9110 §14)', () => {
  it('answers a single range with 206, Content-Range and its length', async () => {
    const res = await range('bytes=10-19')
    expect(res.status).toBe(206)
    expect(res.header('content-range')).toBe(`bytes 10-19/${SIZE}`)
    expect(res.header('content-length')).toBe('10')
    expect([...res.body]).toEqual([...fixture.big.subarray(10, 20)])
  })

  it('serves open-ended and suffix ranges', async () => {
    const tail = await range('bytes=-5')
    expect(tail.header('content-range')).toBe(`bytes ${SIZE - 5}-${SIZE - 1}/${SIZE}`)
    expect([...tail.body]).toEqual([...fixture.big.subarray(SIZE - 5)])
    const from = await range(`bytes=${SIZE - 3}-`)
    expect(from.header('content-length')).toBe('3')
  })

  it('streams a range larger than one chunk, byte for byte', async () => {
    const res = await range('bytes=1000-150000')
    expect(res.status).toBe(206)
    expect(res.header('content-length')).toBe('149001')
    expect(Buffer.from(res.body).equals(fixture.big.subarray(1000, 150001))).toBe(true)
  })

  it('clamps a last byte past the end', async () => {
    const res = await range(`bytes=${SIZE - 2}-${SIZE + 100}`)
    expect(res.header('content-range')).toBe(`bytes ${SIZE - 2}-${SIZE - 1}/${SIZE}`)
  })

  it('answers an unsatisfiable range with 416 and Content-Range: bytes */length', async () => {
    for (const value of [
      `bytes=${SIZE}-`,
      `bytes=${SIZE + 5}-${SIZE + 9}`,
      'bytes=-0',
      'bytes=99999999999999999999-',
    ]) {
      const res = await range(value)
      expect(res.status).toBe(416)
      expect(res.header('content-range')).toBe(`bytes */${SIZE}`)
    }
    const empty = await request(app, 'GET /empty.txt', { headers: { range: 'bytes=0-' } })
    expect(empty.status).toBe(416)
    expect(empty.header('content-range')).toBe('bytes */0')
  })

  it('ignores a malformed Range or another unit, and serves the whole file', async () => {
    for (const value of ['bytes', 'bytes=a-b', 'bytes=5', 'items=0-5']) {
      const res = await range(value)
      expect(res.status).toBe(200)
      expect(res.header('content-length')).toBe(String(SIZE))
    }
  })

  it('merges overlapping ranges into one, and answers disjoint ranges with the whole file', async () => {
    const merged = await range('bytes=0-9, 5-19')
    expect(merged.status).toBe(206)
    expect(merged.header('content-range')).toBe(`bytes 0-19/${SIZE}`)
    const disjoint = await range('bytes=0-9, 100-109')
    expect(disjoint.status).toBe(200)
    expect(disjoint.header('content-length')).toBe(String(SIZE))
    expect(disjoint.header('content-type')).toBe('application/octet-stream')
  })

  it('ignores Range on HEAD (only GET has ranges, §14.2)', async () => {
    const res = await request(app, 'HEAD /big.bin', { headers: { range: 'bytes=0-9' } })
    expect(res.status).toBe(200)
    expect(res.header('content-length')).toBe(String(SIZE))
  })

  it('serves the range when If-Range holds the current ETag or Last-Modified', async () => {
    const { header } = await request(app, 'HEAD /big.bin')
    expect((await range('bytes=0-9', { 'if-range': header('etag')! })).status).toBe(206)
    expect((await range('bytes=0-9', { 'if-range': MTIME.toUTCString() })).status).toBe(206)
  })

  it('serves the whole file when If-Range holds another validator', async () => {
    const { header } = await request(app, 'HEAD /big.bin')
    for (const ifRange of [
      '"other"',
      `W/${header('etag')}`,
      new Date(MTIME.getTime() - 1000).toUTCString(),
      'garbage',
    ]) {
      const res = await range('bytes=0-9', { 'if-range': ifRange })
      expect(res.status).toBe(200)
      expect(res.header('content-length')).toBe(String(SIZE))
    }
  })
})
