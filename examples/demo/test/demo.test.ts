import { serve, type TsgiServer } from '@tsgi/node'
import { client } from '@tsgi/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The demo is plain JavaScript (no TypeScript at run time); import it untyped. Under vitest the
// examples resolve to their sources (an alias in vitest.config.ts), so no build is needed here.
const demoModule = '../demo-app.mjs'
let server: TsgiServer
let examples: Array<{ prefix: string; title: string; try: string[] }>

beforeAll(async () => {
  const loaded = await import(/* @vite-ignore */ demoModule)
  examples = loaded.examples
  server = await serve(loaded.demo, { port: 0, errors: { write() {} } })
})
afterAll(() => server.close())

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers })

describe('the demo', () => {
  it('lists every example and its links on the index page', async () => {
    const response = await get('/')
    expect(response.headers.get('content-type')).toContain('text/html')
    const html = await response.text()
    expect(examples.length).toBe(11)
    for (const example of examples) {
      expect(html).toContain(example.title)
      for (const path of example.try) expect(html).toContain(`href="${example.prefix}${path.replaceAll('&', '&#38;')}"`)
    }
  })

  it('serves its stylesheet with @tsgi/static, and revalidates it', async () => {
    const html = await (await get('/')).text()
    expect(html).toContain('href="/assets/style.css"')
    const css = await get('/assets/style.css')
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(css.headers.get('cache-control')).toBe('public, max-age=3600')
    const again = await get('/assets/style.css', { 'if-none-match': css.headers.get('etag')! })
    expect(again.status).toBe(304)
  })

  it('answers every link of the index page, failing only where the example fails on purpose', async () => {
    const onPurpose: Record<string, number> = {
      '/exceptions/divide?a=6&b=0': 500,
      '/exceptions-debug/divide?a=6&b=0': 500,
      '/onion/burnt': 503,
      '/router/nope': 404,
      '/exceptions/users/7': 404,
    }
    for (const example of examples) {
      for (const path of example.try) {
        const link = `${example.prefix}${path}`
        expect((await get(link)).status, link).toBe(onPurpose[link] ?? 200)
      }
    }
  })

  it('reads the upload form in both encodings, and refuses too many files with a 413', async () => {
    const post = (body: FormData | URLSearchParams) => fetch(`${server.url}/upload/`, { method: 'POST', body })
    const urlencoded = await (await post(new URLSearchParams({ name: 'Ada <b>', note: 'hi' }))).text()
    expect(urlencoded).toContain('application/x-www-form-urlencoded')
    expect(urlencoded).toContain('name = Ada &#60;b&#62;')
    const form = new FormData()
    form.append('name', 'Grace')
    form.append('files', new Blob(['12345'], { type: 'text/plain' }), 'five.txt')
    const multipart = await (await post(form)).text()
    expect(multipart).toContain('name = Grace')
    expect(multipart).toContain('files: five.txt (text/plain, 5 bytes)')
    for (let i = 0; i < 5; i++) form.append('files', new Blob(['x']), `more${i}.txt`)
    expect((await post(form)).status).toBe(413)
  })

  it('mounts each example under its prefix: SCRIPT_NAME holds the prefix, PATH_INFO the rest', async () => {
    const echo = await (await get('/environ-echo/some/path?x=1')).text()
    expect(echo).toContain('SCRIPT_NAME: /environ-echo')
    expect(echo).toContain('PATH_INFO: /some/path')
  })

  it('runs the tutorial pieces: hello_world, the router and the class handler', async () => {
    expect(await (await get('/hello-world/?subject=Ada')).text()).toContain('Hello Ada')
    expect(await (await get('/router/hello/Ada')).text()).toContain('Hello Ada!')
    expect(await (await get('/class-handler/?subject=Grace')).text()).toContain('Grace')
  })

  it('hides the failure in production and shows it in debug', async () => {
    const production = await get('/exceptions/divide?a=6&b=0')
    expect(production.status).toBe(500)
    expect(await production.text()).not.toMatch(/at .*\.ts/)
    const debug = await get('/exceptions-debug/divide?a=6&b=0', { accept: 'text/plain' })
    expect(debug.status).toBe(500)
    expect(await debug.text()).toMatch(/at /)
  })

  it('serves the micro-framework and the onion', async () => {
    const created = await fetch(`${server.url}/micro-framework/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada' }),
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: number }
    const user = await get(`/micro-framework/users/${id}`, { accept: 'application/json' })
    expect(await user.json()).toEqual({ id, name: 'Ada' })
    const onion = await get('/onion/')
    expect(onion.status).toBe(200)
    expect(onion.headers.get('x-request-id')).toBeTruthy()
  })

  it('runs the login flow: the form, a wrong password, the page for the user, logout', async () => {
    const browser = client((await import(/* @vite-ignore */ demoModule)).demo, { followRedirects: true })
    const form = (body: string) => ({ body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect((await browser.get('/login/')).text()).toContain('<h1>Log in</h1>')
    const wrong = await browser.post('/login/login', form('user=ada&password=nope'))
    expect(wrong.status).toBe(401)
    expect(wrong.text()).toContain('Wrong user or password.')
    const login = await browser.post('/login/login', form('user=ada&password=lovelace'))
    expect(login.redirects.map((step) => `${step.status} ${step.location}`)).toEqual(['303 /login/'])
    expect(login.text()).toContain('Hello, ada!')
    const logout = await browser.post('/login/logout')
    expect(logout.text()).toContain('<h1>Log in</h1>')
    expect(browser.jar.get('session')).toBeUndefined()
  })

  it('streams the server-sent events compressed, each tick decoded', async () => {
    const response = await get('/sse/events?count=2', { 'accept-encoding': 'gzip' })
    expect(response.headers.get('content-encoding')).toBe('gzip')
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    expect((await response.text()).match(/data: tick \d of 2/g)).toEqual(['data: tick 1 of 2', 'data: tick 2 of 2'])
    expect(await (await get('/sse/')).text()).toContain('new EventSource("/sse/events")')
  })

  it('answers 404 outside every example', async () => {
    expect((await get('/nope')).status).toBe(404)
    expect((await get('/hello-worldx')).status).toBe(404)
  })
})
