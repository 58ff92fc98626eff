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
  server = await serve(demo, { port: 0 })
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
      expect((await fetch(`${server.url}${route.example}`)).status, route.path).toBe(200)
    }
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
