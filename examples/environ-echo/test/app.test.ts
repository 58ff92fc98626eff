import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { application } from '../src/app.js'

describe('application (environ echo)', () => {
  it('answers 200 text/plain with one ">> key: value" line per environ entry', async () => {
    const response = await request(application, 'GET /hello?subject=ogres', { headers: { 'X-Trace': 'abc' } })
    expect(response.status).toBe(200)
    expect(response.header('content-type')).toBe('text/plain; charset=utf-8')
    const lines = response.text().split('\n').filter(Boolean)
    expect(lines.every((line) => line.startsWith('>> '))).toBe(true)
    expect(lines).toContain('>> REQUEST_METHOD: GET')
    expect(lines).toContain('>> PATH_INFO: /hello')
    expect(lines).toContain('>> QUERY_STRING: subject=ogres')
    expect(lines).toContain('>> HTTP_X_TRACE: abc')
    expect(lines).toContain('>> tsgi.version: [1, 0]')
    expect(lines).toContain('>> tsgi.url_scheme: http')
  })

  it('lists the CGI keys first, in the server order, and the headers last', async () => {
    const response = await request(application, 'POST /form', { body: 'a=1', headers: { accept: '*/*' } })
    const keys = response
      .text()
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3, line.indexOf(':', 3)))
    expect(keys.slice(0, 9)).toEqual([
      'REQUEST_METHOD',
      'SCRIPT_NAME',
      'PATH_INFO',
      'QUERY_STRING',
      'CONTENT_TYPE',
      'CONTENT_LENGTH',
      'SERVER_NAME',
      'SERVER_PORT',
      'SERVER_PROTOCOL',
    ])
    expect(keys.at(-1)?.startsWith('HTTP_')).toBe(true)
    expect(response.text()).toContain('>> CONTENT_LENGTH: 3\n')
  })

  it('describes the tsgi objects instead of printing [object Object]', async () => {
    const text = (await request(application, 'GET /')).text()
    expect(text).not.toContain('[object Object]')
    expect(text).toContain('>> tsgi.abort: { aborted: false }\n')
    expect(text).toMatch(/>> tsgi\.errors: <.+>\n/)
  })

  it('sends each line as its own chunk, as the Python list comprehension did', () => {
    const chunks: Uint8Array[] = []
    const environ = { REQUEST_METHOD: 'GET', PATH_INFO: '/' }
    const body = application(environ as never, () => {})
    for (const chunk of body as Iterable<Uint8Array>) chunks.push(chunk)
    expect(chunks.map((chunk) => new TextDecoder().decode(chunk))).toEqual([
      '>> REQUEST_METHOD: GET\n',
      '>> PATH_INFO: /\n',
    ])
  })
})

describe('application under a router', () => {
  it('shows tsgi.routing_args, whose named parameters are a map without a prototype', async () => {
    const { router } = await import('@tsgi/router')
    const response = await request(router([['/users/:id', application]]), 'GET /users/7')
    expect(response.status).toBe(200)
    expect(response.text()).toContain('>> tsgi.routing_args: [[], {"id":"7"}]')
  })
})
