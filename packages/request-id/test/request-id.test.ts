import type { App } from '@tsgi/core'
import { requestId } from '@tsgi/request-id'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'

const encoder = new TextEncoder()

const showId: App = (environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'text/plain']])
  return [encoder.encode(environ['tsgi.request_id'] ?? 'none')]
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('requestId(app, options)', () => {
  it('gives a request without an id a new UUID, on the environ and the response', async () => {
    const response = await request(requestId(showId), '/')
    expect(response.text()).toMatch(UUID)
    expect(response.header('x-request-id')).toBe(response.text())
    const other = await request(requestId(showId), '/')
    expect(other.text()).not.toBe(response.text())
  })

  it('keeps a well-formed incoming id', async () => {
    const response = await request(requestId(showId), { headers: { 'x-request-id': 'abc-123_x.y:z@q' } })
    expect([response.text(), response.header('x-request-id')]).toEqual(['abc-123_x.y:z@q', 'abc-123_x.y:z@q'])
  })

  it('replaces an incoming id that is malformed or too long', async () => {
    for (const forged of ['a b', 'x'.repeat(201), '<script>', 'id"\\', '']) {
      const response = await request(requestId(showId), { headers: { 'x-request-id': forged } })
      expect(response.text(), forged).toMatch(UUID)
    }
  })

  it('ignores incoming ids when trustIncoming is false', async () => {
    const app = requestId(showId, { trustIncoming: false })
    expect((await request(app, { headers: { 'x-request-id': 'abc' } })).text()).toMatch(UUID)
  })

  it('uses another header and generator', async () => {
    let next = 0
    const app = requestId(showId, { header: 'X-Trace-Id', generate: () => `t${++next}` })
    const response = await request(app, '/')
    expect([response.text(), response.header('x-trace-id'), response.header('x-request-id')]).toEqual([
      't1',
      't1',
      undefined,
    ])
    expect((await request(app, { headers: { 'x-trace-id': 'given' } })).text()).toBe('given')
  })

  it('replaces an id header the app set itself, so the response carries one id', async () => {
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['x-request-id', 'stale']])
      return []
    }
    const response = await request(requestId(app), { headers: { 'x-request-id': 'fresh' } })
    expect(response.headers.filter(([name]) => name.toLowerCase() === 'x-request-id')).toEqual([
      ['x-request-id', 'fresh'],
    ])
  })

  it('rejects bad options when built, and a generator that returns an unusable id', async () => {
    expect(() => requestId(1 as unknown as App)).toThrow(/requestId\(\): app must be a function, got/)
    expect(() => requestId(showId, { header: 'bad header' })).toThrow(/options.header/)
    expect(() => requestId(showId, { generate: 'uuid' as unknown as () => string })).toThrow(/options.generate/)
    expect(() => requestId(showId, { trustIncoming: 'yes' as unknown as boolean })).toThrow(/options.trustIncoming/)
    await expect(request(requestId(showId, { generate: () => 'a\nb' }), '/')).rejects.toThrow(
      /must return a header value/,
    )
  })
})
