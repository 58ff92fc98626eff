import type { App, Environ, StartResponse } from '@tsgi/core'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { cors } from '../src/index.js'

const encoder = new TextEncoder()

/** An app that counts its calls, so a test can tell whether a preflight reached it. */
function counting(headers: [string, string][] = [['content-type', 'text/plain']]): App & { calls: number } {
  const app = ((_environ: Environ, startResponse: StartResponse) => {
    app.calls++
    startResponse('200 OK', headers)
    return [encoder.encode('ok')]
  }) as unknown as App & { calls: number }
  app.calls = 0
  return app
}

const preflight = (origin: string, extra: Record<string, string> = {}) => ({
  headers: { origin, 'access-control-request-method': 'PUT', ...extra },
})

describe('cors(app, options): preflights', () => {
  it('answers a preflight 204 without calling the app', async () => {
    const app = counting()
    const res = await request(
      cors(app, { origin: 'https://app.example', maxAge: 600 }),
      'OPTIONS /users/1',
      preflight('https://app.example'),
    )
    expect(res.status).toBe(204)
    expect(app.calls).toBe(0)
    expect(res.header('access-control-allow-origin')).toBe('https://app.example')
    expect(res.header('access-control-allow-methods')).toBe('GET, HEAD, PUT, PATCH, POST, DELETE')
    expect(res.header('access-control-max-age')).toBe('600')
    expect(res.header('vary')).toBe('Origin, Access-Control-Request-Headers')
  })

  it('echoes the requested headers when allowHeaders is not given, and lists the configured ones when it is', async () => {
    const init = preflight('https://a.example', { 'access-control-request-headers': 'content-type, x-token' })
    const echoed = await request(cors(counting()), 'OPTIONS /', init)
    expect(echoed.header('access-control-allow-headers')).toBe('content-type, x-token')
    expect(echoed.header('vary')).toBe('Access-Control-Request-Headers')
    const fixed = await request(cors(counting(), { allowHeaders: ['content-type'] }), 'OPTIONS /', init)
    expect(fixed.header('access-control-allow-headers')).toBe('content-type')
    expect(fixed.header('vary')).toBeUndefined()
  })

  it('answers a preflight from a refused origin without CORS headers and without calling the app (restify #522)', async () => {
    const app = counting()
    const res = await request(
      cors(app, { origin: ['https://app.example'], credentials: true }),
      'OPTIONS /',
      preflight('https://evil.example'),
    )
    expect(res.status).toBe(204)
    expect(app.calls).toBe(0)
    expect(res.headers.filter(([name]) => name.startsWith('access-control-'))).toEqual([])
    expect(res.header('vary')).toBe('Origin, Access-Control-Request-Headers')
  })

  it('passes an OPTIONS request that is not a preflight to the app, with CORS headers', async () => {
    const app = counting()
    const res = await request(cors(app), 'OPTIONS /', { headers: { origin: 'https://a.example' } })
    expect(app.calls).toBe(1)
    expect(res.status).toBe(200)
    expect(res.header('access-control-allow-origin')).toBe('*')
  })
})

describe('cors(app, options): responses', () => {
  it("sends '*' with no Vary for origin '*' without credentials, on every request", async () => {
    for (const headers of [{ origin: 'https://a.example' }, {}]) {
      const res = await request(cors(counting()), 'GET /', { headers })
      expect(res.header('access-control-allow-origin')).toBe('*')
      expect(res.header('vary')).toBeUndefined()
    }
  })

  it("never sends '*' with credentials: echoes the origin and adds Vary: Origin (hono #4811)", async () => {
    const app = cors(counting(), { origin: '*', credentials: true })
    const res = await request(app, 'GET /', { headers: { origin: 'https://a.example' } })
    expect(res.header('access-control-allow-origin')).toBe('https://a.example')
    expect(res.header('access-control-allow-credentials')).toBe('true')
    expect(res.header('vary')).toBe('Origin')
    const pre = await request(app, 'OPTIONS /', preflight('https://a.example'))
    expect(pre.header('access-control-allow-origin')).toBe('https://a.example')
    expect(pre.header('access-control-allow-credentials')).toBe('true')
  })

  it.each([
    ['a string', 'https://app.example'],
    ['a list', ['https://other.example', 'https://app.example']],
    ['a RegExp', /^https:\/\/[a-z]+\.example$/],
    ['a function', (origin: string) => origin.endsWith('//app.example')],
  ])(
    'allows an origin given as %s, and refuses others with no CORS headers but Vary: Origin (expressjs/cors #106, h3 #870)',
    async (_kind, origin) => {
      const app = cors(counting(), { origin, credentials: true, exposeHeaders: ['x-total'] })
      const allowed = await request(app, 'GET /', { headers: { origin: 'https://app.example' } })
      expect(allowed.header('access-control-allow-origin')).toBe('https://app.example')
      expect(allowed.header('access-control-expose-headers')).toBe('x-total')
      expect(allowed.header('vary')).toBe('Origin')
      for (const headers of [{ origin: 'https://evil.com' }, { origin: 'null' }, {}]) {
        const refused = await request(app, 'GET /', { headers })
        expect(refused.status).toBe(200) // not an error page: the browser hides the answer
        expect(refused.headers.filter(([name]) => name.startsWith('access-control-'))).toEqual([]) // django-cors-headers #888
        expect(refused.header('vary')).toBe('Origin') // fastify-cors #44, #291: a cache must not reuse it
      }
    },
  )

  it('compares origins exactly, never as a prefix (mcp-chrome #384)', async () => {
    const app = cors(counting(), { origin: 'http://127.0.0.1' })
    for (const origin of ['http://127.0.0.1.evil.example', 'http://127.0.0.1:8080', 'HTTP://127.0.0.1']) {
      const res = await request(app, 'GET /', { headers: { origin } })
      expect(res.header('access-control-allow-origin'), origin).toBeUndefined()
    }
  })

  it('merges Origin into the Vary the app set, once, and leaves Vary: * alone', async () => {
    const options = { origin: ['https://a.example'] }
    const init = { headers: { origin: 'https://a.example' } }
    const merged = await request(cors(counting([['Vary', 'Accept-Encoding']]), options), 'GET /', init)
    expect(merged.headers.filter(([name]) => name.toLowerCase() === 'vary')).toEqual([
      ['Vary', 'Accept-Encoding, Origin'],
    ])
    const already = await request(cors(counting([['vary', 'origin']]), options), 'GET /', init)
    expect(already.header('vary')).toBe('origin')
    const star = await request(cors(counting([['vary', '*']]), options), 'GET /', init)
    expect(star.header('vary')).toBe('*')
  })

  it('passes the function the environ, and treats anything but true as a refusal', async () => {
    const seen: string[] = []
    const app = cors(counting(), {
      origin: (origin: string, environ) => {
        seen.push(`${origin} ${environ.PATH_INFO}`)
        return 'yes' as unknown as boolean
      },
    })
    const res = await request(app, 'GET /x', { headers: { origin: 'https://a.example' } })
    expect(seen).toEqual(['https://a.example /x'])
    expect(res.header('access-control-allow-origin')).toBeUndefined()
  })

  it('adds its headers to an error response too, and keeps a sync array body as it is', async () => {
    const inner: App = (_environ, startResponse) => {
      startResponse('404 Not Found', [['content-type', 'text/plain']])
      return [encoder.encode('no')]
    }
    const res = await request(cors(inner, { origin: ['https://a.example'] }), 'GET /', {
      headers: { origin: 'https://a.example' },
    })
    expect(res.status).toBe(404)
    expect(res.header('access-control-allow-origin')).toBe('https://a.example')
    expect(res.text()).toBe('no')
  })
})

describe('cors(app, options): mistakes', () => {
  it.each([
    [{ origin: 'https://app.example/' }, /options\.origin must be '\*' or origins .*"https:\/\/app\.example\/"/],
    [{ origin: ['https://a.example', 3] }, /options\.origin .* got 3/],
    [{ origin: /a/g }, /must not be a global or sticky RegExp/],
    [{ origin: 42 }, /options\.origin must be a string, .* got 42/],
    [{ methods: 'GET' }, /options\.methods must be an array .* got "GET"/],
    [{ allowHeaders: ['x y'] }, /options\.allowHeaders/],
    [{ maxAge: -1 }, /options\.maxAge must be a non-negative integer/],
    [{ credentials: 'yes' }, /options\.credentials must be a boolean, got "yes"/],
  ])('throws at build time for %o', (options, message) => {
    expect(() => cors(counting(), options as never)).toThrow(message)
  })

  it('throws a TypeError for an app that is not a function', () => {
    expect(() => cors(null as never)).toThrow(/cors\(\): app must be a function, got null/)
  })
})
