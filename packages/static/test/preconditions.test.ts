// RFC 9110 §13.2.2's order, once through serveStatic and once through conditional(): both use
// the same evaluation, so the same table runs against both.
import type { App } from '@tsgi/core'
import { request } from '@tsgi/test'
import { afterAll, describe, expect, it } from 'vitest'
import { conditional, serveStatic } from '../src/index.js'
import { type Fixture, MTIME, makeFixture } from './_fixture.js'

const fixture: Fixture = makeFixture()
afterAll(() => fixture.remove())

const LAST_MODIFIED = MTIME.toUTCString()
const EARLIER = new Date(MTIME.getTime() - 60_000).toUTCString()
const LATER = new Date(MTIME.getTime() + 60_000).toUTCString()
const encoder = new TextEncoder()

const staticApp = serveStatic(fixture.root)
const ETAG = (await request(staticApp, 'HEAD /hello.txt')).header('etag')!

// An app with the same validators as the file, so the two rows agree.
const plain: App = (_environ, startResponse) => {
  startResponse('200 OK', [
    ['content-type', 'text/plain; charset=utf-8'],
    ['etag', ETAG],
    ['last-modified', LAST_MODIFIED],
  ])
  return [encoder.encode('Hello, world!\n')]
}

type Row = [description: string, headers: Record<string, string>, method: 'GET' | 'HEAD', status: number]
const rows: Row[] = [
  ['no precondition', {}, 'GET', 200],
  ['If-None-Match with the ETag', { 'if-none-match': ETAG }, 'GET', 304],
  ['If-None-Match with the weak form of the ETag (weak comparison)', { 'if-none-match': `W/${ETAG}` }, 'GET', 304],
  ['If-None-Match in a list', { 'if-none-match': `"a", "b,c", ${ETAG}` }, 'GET', 304],
  ['If-None-Match: *', { 'if-none-match': '*' }, 'GET', 304],
  ['If-None-Match with another tag', { 'if-none-match': '"other"' }, 'GET', 200],
  ['If-None-Match on HEAD', { 'if-none-match': ETAG }, 'HEAD', 304],
  ['If-Modified-Since at Last-Modified', { 'if-modified-since': LAST_MODIFIED }, 'GET', 304],
  ['If-Modified-Since later', { 'if-modified-since': LATER }, 'GET', 304],
  ['If-Modified-Since earlier', { 'if-modified-since': EARLIER }, 'GET', 200],
  ['If-Modified-Since invalid', { 'if-modified-since': 'yesterday' }, 'GET', 200],
  [
    'If-None-Match wins over If-Modified-Since (step 3 before 4)',
    { 'if-none-match': '"other"', 'if-modified-since': LATER },
    'GET',
    200,
  ],
  ['If-Match with the ETag', { 'if-match': ETAG }, 'GET', 200],
  ['If-Match with another tag', { 'if-match': '"other"' }, 'GET', 412],
  ['If-Match with the weak form (strong comparison fails)', { 'if-match': `W/${ETAG}` }, 'GET', 412],
  ['If-Match: *', { 'if-match': '*' }, 'GET', 200],
  ['If-Unmodified-Since earlier', { 'if-unmodified-since': EARLIER }, 'GET', 412],
  ['If-Unmodified-Since at Last-Modified', { 'if-unmodified-since': LAST_MODIFIED }, 'GET', 200],
  [
    'If-Unmodified-Since ignored when If-Match is present (step 2)',
    { 'if-match': ETAG, 'if-unmodified-since': EARLIER },
    'GET',
    200,
  ],
  [
    'If-Match failing before If-None-Match (step 1 first)',
    { 'if-match': '"other"', 'if-none-match': ETAG },
    'GET',
    412,
  ],
  ['If-Match holding, then If-None-Match matching', { 'if-match': ETAG, 'if-none-match': ETAG }, 'GET', 304],
]

describe.each([
  ['serveStatic', staticApp, '/hello.txt'],
  ['conditional', conditional(plain), '/'],
] as const)('%s: preconditions in RFC 9110 §13.2.2 order', (_name, app, path) => {
  it.each(rows)('%s', async (_description, headers, method, status) => {
    const res = await request(app, `${method} ${path}`, { headers })
    expect(res.status).toBe(status)
    if (status === 304) {
      expect(res.body.length).toBe(0)
      expect(res.header('etag')).toBe(ETAG)
      expect(res.header('content-type')).toBeUndefined()
      expect(res.header('content-length')).toBeUndefined()
    }
    if (status === 412) expect(res.text()).toBe('Precondition Failed\n')
    if (status === 200 && method === 'GET') expect(res.text()).toBe('Hello, world!\n')
  })
})
