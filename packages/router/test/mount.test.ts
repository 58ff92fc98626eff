import { type App, applicationUri, requestUri } from '@tsgi/core'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { mount, router } from '../src/index.js'

const encoder = new TextEncoder()
/** Answers with where it was mounted and what is left, as JSON. */
const where: App = (environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'application/json']])
  // core's requestUri() types HTTP_HOST as a required key, which Environ's index signature is not.
  const uriEnviron = { ...environ, HTTP_HOST: environ.HTTP_HOST }
  const seen = {
    SCRIPT_NAME: environ.SCRIPT_NAME,
    PATH_INFO: environ.PATH_INFO,
    url: requestUri(uriEnviron),
    app: applicationUri(uriEnviron),
  }
  return [encoder.encode(JSON.stringify(seen))]
}

describe('mount(prefix, app)', () => {
  it('moves the prefix from PATH_INFO to SCRIPT_NAME and keeps the URL rebuildable', async () => {
    const res = await request(mount('/api', where), {
      path: '/site/api/users/1?x=1',
      scriptName: '/site',
      host: 'example.com',
    })
    expect(JSON.parse(res.text())).toEqual({
      SCRIPT_NAME: '/site/api',
      PATH_INFO: '/users/1',
      url: 'http://example.com/site/api/users/1?x=1',
      app: 'http://example.com/site/api',
    })
  })

  it('never changes the outer environ', async () => {
    let seen: [string, string] | undefined
    const inner = mount('/api', where)
    const outer: App = async (environ, startResponse) => {
      const body = await inner(environ, startResponse)
      seen = [environ.SCRIPT_NAME, environ.PATH_INFO]
      return body
    }
    expect((await request(outer, 'GET /api/x')).status).toBe(200)
    expect(seen).toEqual(['', '/api/x'])
  })

  it('matches on segment boundaries only', async () => {
    const app = mount('/api/', where)
    expect(JSON.parse((await request(app, 'GET /api')).text()).PATH_INFO).toBe('')
    expect(JSON.parse((await request(app, 'GET /api/')).text()).PATH_INFO).toBe('/')
    expect((await request(app, 'GET /apix')).status).toBe(404)
    expect((await request(app, 'GET /ap')).status).toBe(404)
    expect((await request(app, 'GET /other/api')).status).toBe(404)
  })

  it('works as a route app and nests, each level shifting its own prefix', async () => {
    const v1 = router([['/users/:id', where]])
    const api = router([['/v1{/*rest}', mount('/v1', v1)]])
    const app = router([
      ['/', where],
      ['/api{/*rest}', mount('/api', api)],
    ])
    const res = await request(app, 'GET /api/v1/users/7')
    expect(JSON.parse(res.text())).toEqual({
      SCRIPT_NAME: '/api/v1',
      PATH_INFO: '/users/7',
      url: 'http://localhost/api/v1/users/7',
      app: 'http://localhost/api/v1',
    })
    expect((await request(app, 'GET /apix')).status).toBe(404)
    expect((await request(app, 'GET /api/v2')).status).toBe(404)
  })

  it('lets a mounted router match its root when the prefix is requested without a slash', async () => {
    const app = router([['/api{/*rest}', mount('/api', router([['/', where]]))]])
    expect(JSON.parse((await request(app, 'GET /api')).text())).toMatchObject({ SCRIPT_NAME: '/api', PATH_INFO: '' })
    expect(JSON.parse((await request(app, 'GET /api/')).text())).toMatchObject({ SCRIPT_NAME: '/api', PATH_INFO: '/' })
  })

  it('throws a TypeError for a prefix that is not a path, or an app that is not a function', () => {
    expect(() => mount('api', where)).toThrow(new TypeError(`mount(): prefix must be a path like '/api', got "api"`))
    expect(() => mount('/', where)).toThrow(TypeError)
    expect(() => mount(7 as never, where)).toThrow(TypeError)
    expect(() => mount('/api', null as never)).toThrow('mount(): app must be a function, got null')
  })
})
