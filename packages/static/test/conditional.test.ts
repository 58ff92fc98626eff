import { createHash } from 'node:crypto'
import type { App, Body } from '@tsgi/core'
import { createEnviron, request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { conditional } from '../src/index.js'

const encoder = new TextEncoder()
const BYTES = encoder.encode('the report\n')
const DIGEST = `"${createHash('sha256').update(BYTES).digest('base64url')}"`

function appWith(status: string, headers: [string, string][], body: () => Body): App {
  return (_environ, startResponse) => {
    startResponse(status, headers)
    return body()
  }
}

const report = appWith('200 OK', [['content-type', 'text/plain']], () => [BYTES])

describe('conditional(app)', () => {
  it('adds a strong ETag, a SHA-256 of the bytes, to a 200 array body', async () => {
    const res = await request(conditional(report), 'GET /')
    expect(res.header('etag')).toBe(DIGEST)
    expect(res.text()).toBe('the report\n')
  })

  it('answers 304 to If-None-Match with that ETag, and closes the app body unread', async () => {
    let closed = 0
    const app = appWith('200 OK', [['content-type', 'text/plain']], () =>
      Object.assign([BYTES], { close: () => void closed++ }),
    )
    const res = await request(conditional(app), 'GET /', { headers: { 'if-none-match': DIGEST } })
    expect(res.status).toBe(304)
    expect(res.body.length).toBe(0)
    expect(res.header('etag')).toBe(DIGEST)
    expect(closed).toBe(1)
  })

  it('keeps an ETag the app set and answers with it', async () => {
    const app = appWith('200 OK', [['etag', 'W/"v1"']], () => [BYTES])
    const res = await request(conditional(app), 'GET /', { headers: { 'if-none-match': '"v1"' } })
    expect(res.status).toBe(304)
    expect(res.header('etag')).toBe('W/"v1"')
  })

  it('answers If-Modified-Since from Last-Modified', async () => {
    const app = appWith('200 OK', [['last-modified', 'Fri, 02 Jan 2026 03:04:05 GMT']], () => [BYTES])
    const res = await request(conditional(app), 'GET /', {
      headers: { 'if-modified-since': 'Fri, 02 Jan 2026 03:04:05 GMT' },
    })
    expect(res.status).toBe(304)
  })

  it('never buffers a streamed body to hash it', async () => {
    const app = appWith('200 OK', [['content-type', 'text/plain']], () =>
      (function* () {
        yield BYTES
      })(),
    )
    const res = await request(conditional(app), 'GET /', { headers: { 'if-none-match': DIGEST } })
    expect(res.status).toBe(200)
    expect(res.header('etag')).toBeUndefined()
  })

  it('adds no ETag with Cache-Control: no-store, or with etag: false', async () => {
    const secret = appWith('200 OK', [['cache-control', 'private, no-store']], () => [BYTES])
    expect((await request(conditional(secret), 'GET /')).header('etag')).toBeUndefined()
    expect((await request(conditional(report, { etag: false }), 'GET /')).header('etag')).toBeUndefined()
  })

  it('leaves responses other than 2xx alone (RFC 9110 §13.2.1)', async () => {
    const missing = appWith('404 Not Found', [['etag', '"v1"']], () => [BYTES])
    const res = await request(conditional(missing), 'GET /', {
      headers: { 'if-none-match': '"v1"', 'if-match': '"x"' },
    })
    expect(res.status).toBe(404)
    expect(res.text()).toBe('the report\n')
  })

  it('passes other methods through: the app has already acted', async () => {
    const res = await request(conditional(report), 'POST /', { headers: { 'if-match': '"nope"' } })
    expect(res.status).toBe(200)
    expect(res.header('etag')).toBeUndefined()
  })

  it('works with an async app', async () => {
    const later: App = async (environ, startResponse) => report(environ, startResponse)
    const res = await request(conditional(later), 'GET /', { headers: { 'if-none-match': DIGEST } })
    expect(res.status).toBe(304)
  })

  it('stays synchronous for a synchronous app', () => {
    const result = conditional(report)(createEnviron({ path: '/' }), () => {})
    expect(Array.isArray(result)).toBe(true)
  })

  it('passes a body that starts its response while iterated through unchanged', async () => {
    const late: App = (_environ, startResponse) =>
      (function* () {
        startResponse('200 OK', [['etag', '"v1"']])
        yield BYTES
      })()
    const res = await request(conditional(late), 'GET /', { headers: { 'if-none-match': '"v1"' } })
    expect(res.status).toBe(200)
    expect(res.text()).toBe('the report\n')
  })

  it('lets an error page sent with excInfo through', async () => {
    const failing: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      startResponse('500 Internal Server Error', [['content-type', 'text/plain']], new Error('boom'))
      return [encoder.encode('error')]
    }
    const res = await request(conditional(failing), 'GET /', { headers: { 'if-none-match': '*' } })
    expect(res.status).toBe(500)
  })

  it('closes the app body when the server refuses the held headers', async () => {
    let closed = 0
    const bad = appWith('200 OK', [['bad header', 'x']], () => Object.assign([BYTES], { close: () => void closed++ }))
    await expect(request(conditional(bad), 'GET /', { lint: false })).rejects.toThrow(TypeError)
    expect(closed).toBe(1)
  })

  it('throws a TypeError for a bad app or option', () => {
    expect(() => conditional('app' as never)).toThrow('conditional(): app must be a function, got "app"')
    expect(() => conditional(report, { etag: 1 as never })).toThrow(
      'conditional(): options.etag must be a boolean, got 1',
    )
  })
})
