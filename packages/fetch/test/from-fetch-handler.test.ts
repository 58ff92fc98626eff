import { compose, type Environ } from '@tsgi/core'
import { fromFetchHandler, toFetchHandler } from '@tsgi/fetch'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'

describe('fromFetchHandler(handler)', () => {
  it('runs a Hono app inside a tsgi stack, request and response both ways', async () => {
    const hono = new Hono()
    hono.get('/hello/:name', (c) =>
      c.text(`Hello, ${c.req.param('name')}! ${c.req.header('x-forwarded-prefix') ?? ''}`),
    )
    hono.post('/echo', async (c) => c.json({ got: await c.req.text() }, 201, { 'set-cookie': 'a=1' }))
    // Request → tsgi environ → Request again: the URL and the body survive the round trip.
    const handler = toFetchHandler(compose()(fromFetchHandler(hono.fetch)))
    const hello = await handler(new Request('http://h/hello/ada'))
    expect([hello.status, await hello.text()]).toEqual([200, 'Hello, ada! '])
    const echo = await handler(new Request('http://h/echo', { method: 'POST', body: 'ping' }))
    expect([echo.status, await echo.json(), echo.headers.get('set-cookie')]).toEqual([201, { got: 'ping' }, 'a=1'])
  })

  it('rebuilds the URL from SCRIPT_NAME + PATH_INFO and passes the prefix in x-forwarded-prefix', async () => {
    const seen: string[] = []
    const app = fromFetchHandler((request) => {
      seen.push(request.url, request.headers.get('x-forwarded-prefix') ?? '')
      return new Response('ok')
    })
    const handler = toFetchHandler(app, { scriptName: '/api' })
    await handler(new Request('http://h/api/users?x=1', { headers: { 'x-forwarded-prefix': '/spoofed' } }))
    expect(seen).toEqual(['http://h/api/users?x=1', '/api'])
  })

  it('can strip the prefix for handlers written for the root', async () => {
    const seen: string[] = []
    const app = fromFetchHandler(
      (request) => {
        seen.push(new URL(request.url).pathname)
        return new Response(null, { status: 204 })
      },
      { stripPrefix: true },
    )
    const response = await toFetchHandler(app, { scriptName: '/api' })(new Request('http://h/api/users'))
    expect(response.status).toBe(204)
    expect(seen).toEqual(['/users'])
  })

  it('cancels an unread response body on close()', async () => {
    let cancelled = false
    const app = fromFetchHandler(
      () =>
        new Response(
          new ReadableStream({
            pull: (controller) => controller.enqueue(new Uint8Array(1024)),
            cancel: () => void (cancelled = true),
          }),
        ),
    )
    const response = await toFetchHandler(app)(new Request('http://h/', { method: 'HEAD' }))
    expect(response.status).toBe(200)
    expect(cancelled).toBe(true)
  })

  it('throws a TypeError for a handler that is not a function', () => {
    expect(() => fromFetchHandler('nope' as unknown as () => Response)).toThrow(
      /handler must be a function, got "nope"/,
    )
    const environ = {} as Environ
    void environ
  })
})
