import type { App } from '@tsgi/core'
import { fromFetchHandler, toFetchHandler } from '@tsgi/fetch'
import { mount, router } from '@tsgi/router'
import { request } from '@tsgi/test'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'

const encoder = new TextEncoder()

describe('tsgi and Hono, each inside the other', () => {
  it('mounts a real Hono app inside a tsgi router, keeping the prefix', async () => {
    // Hono sees the URL the client asked for, so it routes under its base path.
    const hono = new Hono().basePath('/hono')
    hono.get('/users/:id', (c) => c.json({ id: c.req.param('id'), prefix: c.req.header('x-forwarded-prefix') }))
    const home: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return [encoder.encode('tsgi home')]
    }
    const app = router([
      ['/', home],
      ['/hono{/*rest}', mount('/hono', fromFetchHandler(hono.fetch))],
    ])
    const users = await request(app, 'GET /hono/users/7')
    expect(users.status).toBe(200)
    expect(users.json()).toEqual({ id: '7', prefix: '/hono' })
    expect((await request(app, 'GET /')).text()).toBe('tsgi home')
    expect((await request(app, 'GET /hono/missing')).status).toBe(404)
  })

  it('mounts a tsgi app inside a real Hono app', async () => {
    const tsgiApp: App = (environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return [encoder.encode(`tsgi saw ${environ.SCRIPT_NAME}|${environ.PATH_INFO}?${environ.QUERY_STRING}`)]
    }
    const handler = toFetchHandler(tsgiApp, { scriptName: '/tsgi' })
    const hono = new Hono()
    hono.get('/', (c) => c.text('hono home'))
    hono.all('/tsgi/*', (c) => handler(c.req.raw))
    const response = await hono.request('/tsgi/deep/path?x=1')
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('tsgi saw /tsgi|/deep/path?x=1')
    expect(await (await hono.request('/')).text()).toBe('hono home')
  })
})
