import { serve, type TsgiServer } from '@tsgi/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The demo is plain JavaScript (no TypeScript at run time); import it untyped.
const demoModule = '../demo-app.mjs'
const appsModule = '../apps.mjs'
let server: TsgiServer
let routes: Array<{ path: string; example: string; title: string }>

beforeAll(async () => {
  const { demo } = await import(/* @vite-ignore */ demoModule)
  routes = (await import(/* @vite-ignore */ appsModule)).routes
  server = await serve(demo, { port: 0, errors: { write() {} } })
})
afterAll(() => server.close())

describe('the demo', () => {
  it('lists every route on the index page', async () => {
    const response = await fetch(`${server.url}/`)
    expect(response.headers.get('content-type')).toContain('text/html')
    const html = await response.text()
    expect(routes.length).toBeGreaterThan(0)
    for (const route of routes) expect(html).toContain(route.title)
  })

  it('answers every listed example', async () => {
    for (const route of routes) {
      const status = (await fetch(`${server.url}${route.example}`)).status
      expect(status, route.path).toBe(route.path === '/error' ? 418 : 200)
    }
  })

  it('greets the subject from the query string', async () => {
    expect(await (await fetch(`${server.url}/hello?subject=tsgi`)).text()).toBe('Hello tsgi!\n')
    expect(await (await fetch(`${server.url}/hello`)).text()).toBe('Hello World!\n')
  })

  it('counts visits in the class handler', async () => {
    const first = await (await fetch(`${server.url}/class`)).text()
    const second = await (await fetch(`${server.url}/class`)).text()
    expect(Number(/number (\d+)/.exec(second)?.[1])).toBe(Number(/number (\d+)/.exec(first)?.[1]) + 1)
  })

  it('renders errors through the exception middleware without leaking a plain error', async () => {
    const teapot = await fetch(`${server.url}/error?kind=http`)
    expect(teapot.status).toBe(418)
    expect(await teapot.text()).toContain('teapot, on purpose')
    const crash = await fetch(`${server.url}/error`)
    expect(crash.status).toBe(500)
    expect(await crash.text()).not.toContain('on purpose')
  })

  it('echoes the environ, body size included', async () => {
    const response = await fetch(`${server.url}/environ?x=1`, { method: 'POST', body: 'hello' })
    const text = await response.text()
    expect(text).toContain('PATH_INFO: "/environ"')
    expect(text).toContain('QUERY_STRING: "x=1"')
    expect(text).toContain('read 5 bytes')
  })

  it('answers 404 elsewhere', async () => {
    expect((await fetch(`${server.url}/nope`)).status).toBe(404)
  })
})
