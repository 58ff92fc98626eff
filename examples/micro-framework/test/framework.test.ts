import { HTTPError } from '@tsgi/exceptions'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { createApp, empty, json, text } from '../src/framework/index.js'

describe('createApp', () => {
  it('types path parameters from the pattern and hands the handler a Request', async () => {
    const app = createApp()
      .get('/files/:name{.:ext}', (req) => {
        const { name, ext } = req.params // name: string, ext: string | undefined
        return json({ method: req.method, path: req.path, name, ext: ext ?? null, trace: req.header('X-Trace') })
      })
      .build()
    const response = await request(app, 'GET /files/report.pdf', { headers: { 'x-trace': 't1' } })
    expect(response.json()).toEqual({
      method: 'GET',
      path: '/files/report.pdf',
      name: 'report',
      ext: 'pdf',
      trace: 't1',
    })
  })

  it('keeps a sync handler sync: the app returns the body, not a promise', () => {
    const app = createApp()
      .get('/', () => text('hi'))
      .build()
    const environ = { REQUEST_METHOD: 'GET', PATH_INFO: '/', SCRIPT_NAME: '', QUERY_STRING: '' }
    const result = app(environ as never, () => {})
    expect(result).not.toBeInstanceOf(Promise)
  })

  it('renders an HTTPError a handler throws, with its status and headers', async () => {
    const app = createApp()
      .get('/teapot', () => {
        throw new HTTPError(418, 'Short and stout', { headers: [['x-brew', 'no']] })
      })
      .build()
    const response = await request(app, 'GET /teapot')
    expect(response.status).toBe(418)
    expect(response.header('x-brew')).toBe('no')
    expect(response.text()).toContain('Short and stout')
  })

  it('hides what an unexpected error says, and logs it to tsgi.errors', async () => {
    const app = createApp()
      .get('/bug', () => {
        throw new Error('secret connection string')
      })
      .build()
    const response = await request(app, 'GET /bug')
    expect(response.status).toBe(500)
    expect(response.text()).not.toContain('secret')
    expect(response.errors).toContain('secret connection string')
  })

  it('sends empty() as a bodiless response and HEAD without the body', async () => {
    const app = createApp()
      .delete('/x', () => empty())
      .get('/x', () => text('body'))
      .build()
    expect((await request(app, 'DELETE /x')).status).toBe(204)
    const head = await request(app, 'HEAD /x')
    expect(head.status).toBe(200)
    expect(head.body).toHaveLength(0)
  })

  it('throws a TypeError naming the route when a handler is not a function', () => {
    expect(() => createApp().get('/x', 'nope' as never)).toThrow(
      /get\('\/x', handler\): handler must be a function, got string/,
    )
  })
})
