import type { App, Body, StartResponse } from '@tsgi/core'
import { exceptionMiddleware, Unauthorized } from '@tsgi/exceptions'
import { readForm } from '@tsgi/query'
import { router } from '@tsgi/router'
import { memoryStore, type SessionOptions, session, sessionOf } from '@tsgi/session'
import { client } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { SECRET } from './helpers.js'

const encoder = new TextEncoder()
const USERS: Record<string, string> = { ada: 'analytical engine' }

function seeOther(startResponse: StartResponse, location: string): Body {
  startResponse('303 See Other', [['location', location]])
  return []
}

/** A site with a login form, a page for logged-in users only, and a logout button. */
function site(options: SessionOptions): App {
  const routes = router([
    [
      '/login',
      (_environ, startResponse) => {
        startResponse('200 OK', [['content-type', 'text/plain; charset=utf-8']])
        return [encoder.encode('Please log in')]
      },
      ['GET'],
    ],
    [
      '/login',
      async (environ, startResponse) => {
        const form = await readForm(environ)
        const user = form.user?.[0] ?? ''
        if (USERS[user] === undefined || USERS[user] !== form.password?.[0])
          throw new Unauthorized('Wrong user or password')
        const current = await sessionOf(environ)
        current.regenerate() // a new id at login: one planted before is worthless
        current.set('user', user)
        return seeOther(startResponse, '/account')
      },
      ['POST'],
    ],
    [
      '/account',
      async (environ, startResponse) => {
        const user = (await sessionOf(environ)).get<string>('user')
        if (user === undefined) return seeOther(startResponse, '/login')
        startResponse('200 OK', [['content-type', 'text/plain; charset=utf-8']])
        return [encoder.encode(`Hello, ${user}!`)]
      },
    ],
    [
      '/logout',
      async (environ, startResponse) => {
        ;(await sessionOf(environ)).destroy()
        return seeOther(startResponse, '/account')
      },
      ['POST'],
    ],
  ])
  return exceptionMiddleware(session(routes, options))
}

const form = (body: string) => ({ body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })

describe.each([
  ['the sealed cookie', { secret: SECRET }],
  ['a store', { secret: SECRET, store: memoryStore() }],
] as const)('a login flow through the test client alone, with %s', (_name, options) => {
  it('logs in, is redirected, reads the protected page and logs out', async () => {
    const browser = client(site(options), { followRedirects: true })

    const anonymous = await browser.get('/account')
    expect(anonymous.url).toBe('http://localhost/login')
    expect(anonymous.text()).toBe('Please log in')

    expect((await browser.post('/login', form('user=ada&password=wrong'))).status).toBe(401)
    expect(browser.jar.get('session')).toBeUndefined()

    const login = await browser.post('/login', form('user=ada&password=analytical+engine'))
    expect(login.redirects).toEqual([
      { method: 'POST', url: 'http://localhost/login', status: 303, location: '/account' },
    ])
    expect(login.url).toBe('http://localhost/account')
    expect(login.text()).toBe('Hello, ada!')
    expect((await browser.get('/account')).text()).toBe('Hello, ada!')

    const logout = await browser.post('/logout')
    expect(logout.redirects.map((step) => step.location)).toEqual(['/account', '/login'])
    expect(browser.jar.get('session')).toBeUndefined()
    expect((await browser.get('/account', { followRedirects: false })).status).toBe(303)
  })
})
