import type { App, HeaderList } from '@tsgi/core'
import { client } from '@tsgi/test'
import { describe, expect, it } from 'vitest'

const encoder = new TextEncoder()

async function bodyText(environ: Parameters<App>[0]): Promise<string> {
  let text = ''
  for await (const chunk of environ['tsgi.input']) text += new TextDecoder().decode(chunk)
  return text
}

/** Echoes method, path, cookie and body; /go/:status redirects to /target with that status. */
const app: App = async (environ, startResponse) => {
  const path = environ.PATH_INFO
  const redirect = /^\/go\/(\d{3})$/.exec(path)
  if (redirect) {
    startResponse(`${redirect[1]} Redirect`, [['location', `/target?from=${redirect[1]}`]])
    return []
  }
  if (path === '/loop') {
    startResponse('302 Found', [['location', '/loop']])
    return []
  }
  if (path === '/set') {
    startResponse('302 Found', [
      ['location', '/target'],
      ['set-cookie', 'hop=1; Path=/'],
    ])
    return []
  }
  const headers: HeaderList = [['content-type', 'application/json']]
  startResponse('200 OK', path === '/login' ? [...headers, ['set-cookie', 'user=ada; Path=/; HttpOnly']] : headers)
  const echo = {
    method: environ.REQUEST_METHOD,
    path,
    query: environ.QUERY_STRING,
    cookie: environ.HTTP_COOKIE ?? null,
    type: environ.CONTENT_TYPE,
    body: await bodyText(environ),
  }
  return [encoder.encode(JSON.stringify(echo))]
}

describe('client', () => {
  it('keeps cookies between requests and sends them back', async () => {
    const browser = client(app)
    expect((await browser.get('/')).json()).toMatchObject({ cookie: null })
    await browser.post('/login')
    expect((await browser.get('/account')).json()).toMatchObject({ cookie: 'user=ada' })
    expect(browser.jar.get('user')).toBe('ada')
  })

  it('adds the jar cookies to a Cookie header of its own', async () => {
    const browser = client(app)
    await browser.get('/login')
    const response = await browser.get('/', { headers: { cookie: 'mine=1' } })
    expect(response.json()).toMatchObject({ cookie: 'mine=1; user=ada' })
  })

  it('does not keep cookies with cookies: false', async () => {
    const browser = client(app, { cookies: false })
    await browser.get('/login')
    expect((await browser.get('/')).json()).toMatchObject({ cookie: null })
  })

  it('does not follow redirects unless asked', async () => {
    const response = await client(app).post('/go/303', { body: 'x' })
    expect(response.status).toBe(303)
    expect(response.redirects).toEqual([])
  })

  it.each([301, 302, 303])('follows a %i after a POST with a GET without body or Content-Type', async (status) => {
    const browser = client(app, { followRedirects: true })
    const response = await browser.post(`/go/${status}`, {
      body: 'name=ada',
      headers: { 'content-type': 'text/plain' },
    })
    expect(response.json()).toEqual({
      method: 'GET',
      path: '/target',
      query: `from=${status}`,
      cookie: null,
      type: '',
      body: '',
    })
    expect(response.url).toBe(`http://localhost/target?from=${status}`)
    expect(response.redirects).toEqual([
      { method: 'POST', url: `http://localhost/go/${status}`, status, location: `/target?from=${status}` },
    ])
  })

  it.each([307, 308])('follows a %i with the same method and body', async (status) => {
    const browser = client(app, { followRedirects: true })
    const response = await browser.request(`PUT /go/${status}`, {
      body: 'keep me',
      headers: { 'content-type': 'text/plain' },
    })
    expect(response.json()).toMatchObject({ method: 'PUT', path: '/target', type: 'text/plain', body: 'keep me' })
  })

  it('refuses to send a streamed body again for a 307', async () => {
    const browser = client(app, { followRedirects: true })
    const body = (async function* () {
      yield encoder.encode('once')
    })()
    await expect(browser.post('/go/307', { body })).rejects.toThrow(/streamed body/)
  })

  it('stores the cookies of each hop', async () => {
    const response = await client(app, { followRedirects: true }).get('/set')
    expect(response.json()).toMatchObject({ path: '/target', cookie: 'hop=1' })
  })

  it('stops after maxRedirects and reports the chain', async () => {
    const browser = client(app, { followRedirects: true, maxRedirects: 3 })
    await expect(browser.get('/loop')).rejects.toThrow(
      /more than 3 redirects \(options.maxRedirects\): 302 http:\/\/localhost\/loop -> \/loop, /,
    )
  })

  it('follows per request when told, and to an absolute URL on another host', async () => {
    const redirector: App = (environ, startResponse) => {
      if (environ.HTTP_HOST === 'other.test') {
        startResponse('200 OK', [['content-type', 'text/plain']])
        return [encoder.encode(`on ${environ.SERVER_NAME} with ${environ.HTTP_AUTHORIZATION ?? 'no credentials'}`)]
      }
      startResponse('302 Found', [['location', 'https://other.test/landing']])
      return []
    }
    const response = await client(redirector).get('/', {
      followRedirects: true,
      headers: { authorization: 'Bearer x' },
    })
    expect(response.text()).toBe('on other.test with no credentials')
    expect(response.url).toBe('https://other.test/landing')
  })

  it('checks its options', () => {
    expect(() => client('app' as never)).toThrow(/client\(\): app must be a function, got "app"/)
    expect(() => client(app, { maxRedirects: -1 })).toThrow(RangeError)
  })
})
