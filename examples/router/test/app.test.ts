import { router } from '@tsgi/router'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { app } from '../src/app.js'
import { tutorial, urls } from '../src/tutorial.js'

describe('tutorial (the urls list)', () => {
  it('routes / to Index, hello and goodbye with or without a trailing slash', async () => {
    expect((await request(tutorial, 'GET /')).text()).toMatch(/^Hello World Application/)
    expect((await request(tutorial, 'GET /hello')).text()).toBe('Hello World!\n')
    expect((await request(tutorial, 'GET /hello/?subject=Ada')).text()).toBe('Hello Ada!\n')
    expect((await request(tutorial, 'GET /goodbye')).text()).toBe('Goodbye!\n')
    expect((await request(tutorial, 'GET /goodbye/')).text()).toBe('Goodbye!\n')
  })

  it('sends everything else to not_found with a 404', async () => {
    for (const path of ['/nope', '/say-hello', '/goodbye/now', '/hello/x/y']) {
      const response = await request(tutorial, `GET ${path}`)
      expect(response.status).toBe(404)
      expect(response.text()).toBe(`Not Found: ${path}\n`)
    }
  })

  it('sets tsgi.routing_args as the tutorial set myapp.url_args (no groups: an empty list)', async () => {
    const seen: unknown[] = []
    const [, helloRoute] = urls
    if (helloRoute === undefined) throw new Error('the tutorial lists a hello route second')
    const spy = router([
      [
        helloRoute[0],
        (environ, startResponse) => {
          seen.push(environ['tsgi.routing_args'])
          startResponse('204 No Content', [])
          return []
        },
      ],
    ])
    await request(spy, 'GET /hello')
    expect(seen).toEqual([[[], {}]])
  })
})

describe('app (path patterns and methods)', () => {
  it('greets the :subject parameter, the query, or the World', async () => {
    expect((await request(app, 'GET /hello/Ada')).text()).toBe('Hello Ada!\n')
    expect((await request(app, 'GET /hello/caf%C3%A9')).text()).toBe('Hello café!\n')
    expect((await request(app, 'GET /hello?subject=Grace')).text()).toBe('Hello Grace!\n')
    expect((await request(app, 'GET /hello')).text()).toBe('Hello World!\n')
  })

  it('sends POST /hello to the form handler on the same path', async () => {
    const response = await request(app, 'POST /hello', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'subject=Form+User',
    })
    expect(response.text()).toBe('Hello Form User!\n')
  })

  it('answers HEAD from a GET route, and 405 with Allow for a method no route takes', async () => {
    const head = await request(app, 'HEAD /goodbye')
    expect(head.status).toBe(200)
    expect(head.body).toHaveLength(0)
    const post = await request(app, 'POST /goodbye')
    expect(post.status).toBe(405)
    expect(post.header('allow')?.split(', ')).toEqual(expect.arrayContaining(['GET', 'HEAD']))
  })

  it('answers 404 through the tutorial not_found for unknown paths', async () => {
    const response = await request(app, 'GET /nope')
    expect(response.status).toBe(404)
    expect(response.text()).toBe('Not Found: /nope\n')
  })

  it('serves the tutorial router under /tutorial, which sees only the rest of the path', async () => {
    expect((await request(app, 'GET /tutorial/hello?subject=mount')).text()).toBe('Hello mount!\n')
    expect((await request(app, 'GET /tutorial/')).text()).toMatch(/^Hello World Application/)
    const missing = await request(app, 'GET /tutorial/nope')
    expect(missing.status).toBe(404)
    expect(missing.text()).toBe('Not Found: /nope\n') // PATH_INFO inside the mount
  })
})
