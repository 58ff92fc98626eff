import type { App, Environ, StartResponse } from '@tsgi/core'
import { exceptionMiddleware } from '@tsgi/exceptions'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { csrf } from '../src/index.js'

const encoder = new TextEncoder()

function counting(): App & { calls: number } {
  const app = ((_environ: Environ, startResponse: StartResponse) => {
    app.calls++
    startResponse('200 OK', [['content-type', 'text/plain']])
    return [encoder.encode('done')]
  }) as unknown as App & { calls: number }
  app.calls = 0
  return app
}

/** Sends `method /` to `csrf(app, options)` behind exceptionMiddleware; resolves to [status, text, calls]. */
async function send(method: string, headers: Record<string, string>, options?: Parameters<typeof csrf>[1]) {
  const app = counting()
  const res = await request(exceptionMiddleware(csrf(app, options)), `${method} /transfer`, {
    host: 'bank.example',
    headers,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: 'amount=100' }),
  })
  return { status: res.status, text: res.text(), calls: app.calls }
}

describe('csrf(app, options)', () => {
  it.each(['GET', 'HEAD', 'OPTIONS'])('lets a cross-site %s through (a safe method)', async (method) => {
    const res = await send(method, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })
    expect(res.calls).toBe(1)
  })

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND'])(
    'refuses a cross-site %s with a 403 that says why, before the app runs',
    async (method) => {
      const res = await send(method, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })
      expect(res.status).toBe(403)
      expect(res.calls).toBe(0)
      expect(res.text).toContain(
        'Cross-origin request refused: the browser says it comes from another site (Sec-Fetch-Site: "cross-site") and its origin "https://evil.example" is not trusted',
      )
    },
  )

  it('refuses same-site (a sibling subdomain) too, and lets same-origin and none through', async () => {
    expect((await send('POST', { 'sec-fetch-site': 'same-site', origin: 'https://blog.bank.example' })).status).toBe(
      403,
    )
    expect((await send('POST', { 'sec-fetch-site': 'same-origin', origin: 'https://bank.example' })).calls).toBe(1)
    expect((await send('POST', { 'sec-fetch-site': 'none' })).calls).toBe(1)
  })

  it('checks a request whatever its Content-Type, a missing one included (hono GHSA-2234-fmw7-43wr)', async () => {
    for (const type of [undefined, 'application/json', 'text/plain', 'multipart/form-data; boundary=x']) {
      const headers: Record<string, string> = { origin: 'https://evil.example' }
      if (type) headers['content-type'] = type
      expect((await send('POST', headers)).status, String(type)).toBe(403)
    }
  })

  it('without Sec-Fetch-Site, compares Origin with the Host header (older browsers)', async () => {
    expect((await send('POST', { origin: 'https://bank.example' })).calls).toBe(1)
    expect((await send('POST', { origin: 'http://bank.example' })).calls).toBe(1) // behind a TLS proxy
    const refused = await send('POST', { origin: 'https://evil.example' })
    expect(refused.status).toBe(403)
    expect(refused.text).toContain(
      'Cross-origin request refused: its origin "https://evil.example" is neither this host ("bank.example") nor trusted',
    )
    expect((await send('POST', { origin: 'null' })).status).toBe(403)
    expect((await send('POST', { origin: 'https://bank.example:8443' })).status).toBe(403)
  })

  it('does not parse the origin, so userinfo cannot pass for the host (golang/go #78563)', async () => {
    expect((await send('POST', { origin: 'http://evil@bank.example' })).status).toBe(403)
    expect((await send('POST', { origin: 'https://bank.example.evil.example' })).status).toBe(403)
  })

  it('lets a request with neither Sec-Fetch-Site nor Origin through (not a browser cross-site request)', async () => {
    expect((await send('POST', {})).calls).toBe(1)
  })

  it('lets trusted origins through, from a list or a function given the environ', async () => {
    const listed = { origin: ['https://admin.example'] }
    expect(
      (await send('POST', { 'sec-fetch-site': 'cross-site', origin: 'https://admin.example' }, listed)).calls,
    ).toBe(1)
    expect((await send('POST', { origin: 'https://admin.example' }, listed)).calls).toBe(1)
    expect((await send('POST', { origin: 'https://admin.example.evil' }, listed)).status).toBe(403)
    const paths: string[] = []
    const byFunction = {
      origin: (origin: string, environ: { PATH_INFO: string }) => {
        paths.push(environ.PATH_INFO)
        return origin === 'https://partner.example'
      },
    }
    expect(
      (await send('DELETE', { 'sec-fetch-site': 'cross-site', origin: 'https://partner.example' }, byFunction)).calls,
    ).toBe(1)
    expect(paths).toEqual(['/transfer'])
  })

  it('throws the 403 as core Forbidden when nothing renders it', async () => {
    const app = csrf(counting())
    await expect(request(app, 'POST /', { headers: { origin: 'https://evil.example' } })).rejects.toMatchObject({
      name: 'Forbidden',
      status: 403,
      expose: true,
    })
  })

  it('throws at build time for bad arguments, naming them', () => {
    expect(() => csrf('app' as never)).toThrow('csrf(): app must be a function, got "app"')
    expect(() => csrf(counting(), { origin: 'https://a.example' as never })).toThrow(
      /options\.origin must be an array .* got "https:\/\/a\.example"/,
    )
    expect(() => csrf(counting(), { origin: ['https://a.example/'] })).toThrow(/options\.origin/)
  })
})
