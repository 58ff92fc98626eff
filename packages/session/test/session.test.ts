import { setCookie } from '@tsgi/cookies'
import type { App } from '@tsgi/core'
import { exceptionMiddleware } from '@tsgi/exceptions'
import { session, sessionOf } from '@tsgi/session'
import { client, createEnviron, request } from '@tsgi/test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cookiePair, counter, json, OLD_SECRET, SECRET } from './helpers.js'

afterEach(() => vi.useRealTimers())

describe('session() with the sealed cookie', () => {
  it('keeps values between requests of one client, in a cookie the client cannot read', async () => {
    const browser = client(session(counter, { secret: SECRET }))
    expect((await browser.get('/count')).json()).toEqual({ isNew: true, data: { visits: 1 } })
    expect((await browser.get('/count')).json()).toEqual({ isNew: false, data: { visits: 2 } })
    expect(browser.jar.get('session')).not.toContain('visits')
  })

  it('sets HttpOnly, SameSite=Lax, Path=/ and Max-Age by default, and Secure on https only', async () => {
    const app = session(counter, { secret: SECRET })
    const http = (await request(app, '/count')).header('set-cookie')
    expect(http).toMatch(/^session=[\w-]+; Max-Age=1209600; Path=\/; HttpOnly; SameSite=Lax$/)
    const https = (await request(app, '/count', { scheme: 'https' })).header('set-cookie')
    expect(https).toMatch(/; HttpOnly; Secure; SameSite=Lax$/)
  })

  it('writes the cookie back only when the session changed', async () => {
    const browser = client(session(counter, { secret: SECRET }))
    expect((await browser.get('/peek')).header('set-cookie')).toBeUndefined() // a new, empty session: no cookie
    await browser.post('/put?list=x')
    expect((await browser.get('/peek')).header('set-cookie')).toBeUndefined()
    await browser.post('/put?list=x') // a string again: unchanged
    expect((await browser.get('/peek')).header('set-cookie')).toBeUndefined()
  })

  it('notices a change inside a stored object', async () => {
    const app = session(
      async (environ, startResponse) => {
        const session = await sessionOf(environ)
        if (environ.PATH_INFO === '/start') session.set('list', ['a'])
        else session.get<string[]>('list')!.push('b')
        return json(startResponse, session.toJSON())
      },
      { secret: SECRET },
    )
    const browser = client(app)
    await browser.get('/start')
    expect((await browser.get('/push')).header('set-cookie')).toBeDefined()
    expect((await browser.get('/push')).json()).toEqual({ list: ['a', 'b', 'b'] })
  })

  it('treats a tampered cookie as no session at all', async () => {
    const browser = client(session(counter, { secret: SECRET }))
    const sealed = cookiePair((await browser.get('/count')).header('set-cookie'))!
    const tampered = sealed.slice(0, -3) + (sealed.endsWith('A') ? 'BBB' : 'AAA')
    const response = await request(session(counter, { secret: SECRET }), '/peek', { headers: { cookie: tampered } })
    expect(response.json()).toEqual({ isNew: true, data: {} })
    // An invalid cookie of ours, with nothing to store: it is deleted.
    expect(response.header('set-cookie')).toBeUndefined()
    const emptied = await request(session(counter, { secret: SECRET }), '/destroy', { headers: { cookie: tampered } })
    expect(emptied.header('set-cookie')).toMatch(/^session=; Max-Age=0;/)
  })

  it('refuses a cookie past its maxAge even if the client kept it', async () => {
    vi.useFakeTimers({ now: Date.UTC(2030, 0, 1), toFake: ['Date'] })
    const app = session(counter, { secret: SECRET, maxAge: 60 })
    const cookie = cookiePair((await request(app, '/count')).header('set-cookie'))!
    vi.setSystemTime(Date.UTC(2030, 0, 1, 0, 0, 59))
    expect((await request(app, '/peek', { headers: { cookie } })).json()).toEqual({ isNew: false, data: { visits: 1 } })
    vi.setSystemTime(Date.UTC(2030, 0, 1, 0, 1, 1))
    expect((await request(app, '/peek', { headers: { cookie } })).json()).toEqual({ isNew: true, data: {} })
  })

  it('rotates secrets: reads a cookie sealed with the old secret and writes with the new one', async () => {
    const cookie = cookiePair((await request(session(counter, { secret: OLD_SECRET }), '/count')).header('set-cookie'))!
    const rotated = session(counter, { secrets: [SECRET, OLD_SECRET] })
    const response = await request(rotated, '/count', { headers: { cookie } })
    expect(response.json()).toEqual({ isNew: false, data: { visits: 2 } })
    const resealed = cookiePair(response.header('set-cookie'))!
    // The new cookie opens with the new secret alone; the old one no longer does once the old secret is dropped.
    const newOnly = session(counter, { secret: SECRET })
    expect((await request(newOnly, '/peek', { headers: { cookie: resealed } })).json()).toMatchObject({ isNew: false })
    expect((await request(newOnly, '/peek', { headers: { cookie } })).json()).toMatchObject({ isNew: true })
  })

  it('fails loudly, at write time, when the sealed cookie would pass 4096 bytes', async () => {
    const app = session(counter, { secret: SECRET })
    await expect(request(app, `/put?big=${'x'.repeat(3500)}`)).rejects.toThrow(
      /session cookie 'session' would be \d+ bytes, over the 4096 bytes browsers keep/,
    )
    const guarded = await request(exceptionMiddleware(app), `/put?big=${'x'.repeat(3500)}`)
    expect(guarded.status).toBe(500)
    expect(guarded.errors).toContain('4096')
  })

  it('deletes the cookie on destroy() and rolls the expiry when rolling is on', async () => {
    const browser = client(session(counter, { secret: SECRET, rolling: true }))
    await browser.get('/count')
    expect((await browser.get('/peek')).header('set-cookie')).toMatch(/Max-Age=1209600/) // rolled
    expect((await browser.post('/destroy')).header('set-cookie')).toMatch(
      /^session=; Max-Age=0;.*Expires=Thu, 01 Jan 1970/,
    )
    expect(browser.jar.get('session')).toBeUndefined()
    expect((await browser.get('/peek')).header('set-cookie')).toBeUndefined() // empty: nothing to roll
  })
})

describe('session() and the response', () => {
  it('leaves a synchronous app synchronous when it does not use the session', () => {
    const app = session((_environ, startResponse) => json(startResponse, 'hi'), { secret: SECRET })
    const result = app(createEnviron(), () => {})
    expect(Array.isArray(result)).toBe(true)
  })

  it('adds the Set-Cookie to a startResponse made later, from a generator body', async () => {
    const app = session(
      async (environ, startResponse) => {
        ;(await sessionOf(environ)).set('user', 'ada')
        return (function* () {
          startResponse('200 OK', [['content-type', 'text/plain']])
          yield new TextEncoder().encode('late')
        })()
      },
      { secret: SECRET },
    )
    const response = await request(app, '/')
    expect(response.text()).toBe('late')
    expect(response.header('set-cookie')).toMatch(/^session=/)
  })

  // expressjs/session#23, hoangvvo/next-session#319: the session's cookie replaced the app's own Set-Cookie.
  it("adds its Set-Cookie beside the app's own cookies", async () => {
    const app = session(
      async (environ, startResponse) => {
        ;(await sessionOf(environ)).set('user', 'ada')
        startResponse('200 OK', setCookie([['content-type', 'text/plain']], 'theme', 'dark'))
        return []
      },
      { secret: SECRET },
    )
    const browser = client(app)
    const response = await browser.get('/')
    const cookies = response.headers.filter(([name]) => name === 'set-cookie').map(([, value]) => cookiePair(value))
    expect(cookies).toEqual(['theme=dark', expect.stringMatching(/^session=/)])
    expect(browser.jar.get('theme')).toBe('dark')
  })

  // bungle/lua-resty-session#33: a session saved after the body started was silently not sent.
  it('throws when the session is changed after the app returned its body', async () => {
    const app = session(
      async (environ, startResponse) => {
        const current = await sessionOf(environ)
        startResponse('200 OK', [['content-type', 'text/plain']])
        return (function* () {
          current.set('user', 'ada')
          yield new TextEncoder().encode('never')
        })()
      },
      { secret: SECRET },
    )
    await expect(request(app, '/')).rejects.toThrow(
      /session.set\(\): the app already returned its body, so the Set-Cookie header is decided/,
    )
  })

  it('holds a second startResponse with excInfo and refuses one without', async () => {
    const app = session(
      async (environ, startResponse) => {
        ;(await sessionOf(environ)).set('n', 1)
        startResponse('200 OK', [['content-type', 'text/plain']])
        startResponse('500 Internal Server Error', [['content-type', 'text/plain']], new Error('replaced'))
        return [new TextEncoder().encode('error page')]
      },
      { secret: SECRET },
    )
    const response = await request(app, '/')
    expect(response.status).toBe(500)
    expect(response.header('set-cookie')).toMatch(/^session=/)
    const twice = session(
      (_environ, startResponse) => {
        startResponse('200 OK', [])
        startResponse('200 OK', [])
        return []
      },
      { secret: SECRET },
    )
    await expect(request(twice, '/')).rejects.toThrow(/second time without excInfo/)
  })

  it('closes the body when the server refuses the held headers', async () => {
    let closed = 0
    const app = session(
      async (environ, startResponse) => {
        ;(await sessionOf(environ)).set('n', 1)
        startResponse('200 OK', [['content-type', 'bad\nvalue']])
        return Object.assign([new TextEncoder().encode('x')], { close: () => void closed++ })
      },
      { secret: SECRET },
    )
    await expect(request(app, '/', { lint: false })).rejects.toThrow(TypeError)
    expect(closed).toBe(1)
  })

  it('lets an app error through and writes nothing', async () => {
    const app = session(
      async (environ) => {
        ;(await sessionOf(environ)).set('n', 1)
        throw new Error('boom')
      },
      { secret: SECRET },
    )
    await expect(request(app, '/')).rejects.toThrow('boom')
  })
})

describe('session() options and misuse', () => {
  it('rejects bad options when the app is built', () => {
    const app: App = (_e, sr) => json(sr, null)
    expect(() => session(app, {})).toThrow('session(): options.secret or options.secrets is required')
    expect(() => session(app, { secret: 'short' })).toThrow(RangeError)
    expect(() => session(app, { secret: SECRET, cookieName: 'a;b' })).toThrow(/cookieName must be a token, got "a;b"/)
    expect(() => session(app, { secret: SECRET, maxAge: 0 })).toThrow(/maxAge must be a positive integer/)
    expect(() => session(app, { secret: SECRET, cookieName: '__Host-s', cookie: { path: '/app' } })).toThrow(/__Host-/)
    expect(() => session(app, { secret: SECRET, cookie: { secure: 'yes' as never } })).toThrow(/cookie.secure/)
    expect(() => session(app, { secret: SECRET, store: {} as never })).toThrow(/get, set and destroy/)
    expect(() => session(null as never, { secret: SECRET })).toThrow(/app must be a function, got null/)
  })

  it('says what to do when the session is read before it is loaded, or without the middleware', () => {
    const environ = createEnviron()
    expect(() => sessionOf(environ)).toThrow("sessionOf(): environ has no 'tsgi.session'; wrap the app in session()")
    session(
      (env, sr) => {
        expect(() => env['tsgi.session']!.get('x')).toThrow('call `await session.load()` first')
        return json(sr, null)
      },
      { secret: SECRET },
    )(environ, () => {})
  })
})
