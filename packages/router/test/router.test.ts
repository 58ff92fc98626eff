import type { App } from '@tsgi/core'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { router, routingArgs } from '../src/index.js'

const encoder = new TextEncoder()
/** An app that answers with its name and the routing args it got. */
const named =
  (name: string): App =>
  (environ, startResponse) => {
    const [positional, params] = routingArgs(environ)
    startResponse('200 OK', [
      ['content-type', 'application/json'],
      ['x-route', name],
    ])
    return [encoder.encode(JSON.stringify({ name, positional, named: { ...params } }))]
  }

describe('router(routes, options)', () => {
  it('dispatches path-to-regexp patterns and sets tsgi.routing_args', async () => {
    const app = router([
      ['/', named('index')],
      ['/users/:id', named('user')],
      ['/files/*path', named('file')],
      ['/a{/:b}', named('optional')],
    ])
    expect(JSON.parse((await request(app, 'GET /')).text())).toEqual({ name: 'index', positional: [], named: {} })
    expect(JSON.parse((await request(app, 'GET /users/7')).text()).named).toEqual({ id: '7' })
    expect(JSON.parse((await request(app, 'GET /files/a/b/c.txt')).text()).named).toEqual({ path: 'a/b/c.txt' })
    expect(JSON.parse((await request(app, 'GET /a')).text()).named).toEqual({})
    expect(JSON.parse((await request(app, 'GET /a/x')).text()).named).toEqual({ b: 'x' })
  })

  it('applies a RegExp with exec to PATH_INFO including its leading slash, unanchored', async () => {
    const app = router([
      [/^\/hello\/?$/, named('hello')],
      [/^\/posts\/(?<year>\d{4})\/(\d+)$/, named('post')],
      [/\/(\d+)$/, named('digits')],
    ])
    expect((await request(app, 'GET /hello/')).status).toBe(200)
    expect(JSON.parse((await request(app, 'GET /anything/12')).text()).positional).toEqual(['12'])
    expect(JSON.parse((await request(app, 'GET /posts/2024/3')).text())).toMatchObject({
      positional: ['3'],
      named: { year: '2024' },
    })
  })

  it('takes routes as tuples with methods or as objects', async () => {
    const app = router([
      ['/t', named('tuple'), ['POST']],
      { pattern: '/o', app: named('object'), methods: ['PUT'] },
      { pattern: /^\/r$/, app: named('regexp') },
    ])
    expect(JSON.parse((await request(app, 'POST /t')).text()).name).toBe('tuple')
    expect(JSON.parse((await request(app, 'PUT /o')).text()).name).toBe('object')
    expect(JSON.parse((await request(app, 'DELETE /r')).text()).name).toBe('regexp')
  })

  it('lets the first matching route win, even a parametric one listed before a static one', async () => {
    const app = router([
      ['/users/:id', named('param')],
      ['/users/me', named('static')],
      [/^\/early$/, named('regexp')],
      ['/early', named('late')],
    ])
    expect(JSON.parse((await request(app, 'GET /users/me')).text()).name).toBe('param')
    expect(JSON.parse((await request(app, 'GET /early')).text()).name).toBe('regexp')
  })

  it('answers an unknown path with 404, or with options.notFound', async () => {
    const plain = await request(router([['/a', named('a')]]), 'GET /b')
    expect([plain.status, plain.header('content-type'), plain.text()]).toEqual([
      404,
      'text/plain; charset=utf-8',
      'Not Found\n',
    ])
    const notFound: App = (environ, startResponse) => {
      startResponse('404 Not Found', [['content-type', 'text/plain']])
      return [encoder.encode(`no ${environ.PATH_INFO} here, args ${environ['tsgi.routing_args']}`)]
    }
    const custom = await request(router([['/a', named('a')]], { notFound }), 'GET /b')
    expect([custom.status, custom.text()]).toEqual([404, 'no /b here, args undefined'])
  })

  it('answers 405 with Allow when only other methods match, or options.methodNotAllowed', async () => {
    const routes = [
      ['/items/:id', named('get'), ['GET']],
      ['/items/:id', named('delete'), ['DELETE']],
    ] as const
    const res = await request(router(routes), 'POST /items/1')
    expect([res.status, res.header('allow')]).toEqual([405, 'GET, HEAD, DELETE, OPTIONS'])
    const custom = router(routes, {
      methodNotAllowed: (allowed) => (_environ, startResponse) => {
        startResponse('405 Method Not Allowed', [['allow', allowed.join(',')]])
        return [encoder.encode('nope')]
      },
    })
    const replaced = await request(custom, 'PATCH /items/1')
    expect([replaced.status, replaced.header('allow'), replaced.text()]).toEqual([
      405,
      'GET,HEAD,DELETE,OPTIONS',
      'nope',
    ])
  })

  it('answers OPTIONS with 204 and Allow unless a route handles it', async () => {
    const app = router([
      ['/a', named('a'), ['GET', 'POST']],
      ['/b', named('b'), ['GET']],
      ['/b', named('b options'), ['OPTIONS']],
    ])
    const res = await request(app, 'OPTIONS /a')
    expect([res.status, res.header('allow'), res.text()]).toEqual([204, 'GET, HEAD, POST, OPTIONS', ''])
    expect(JSON.parse((await request(app, 'OPTIONS /b')).text()).name).toBe('b options')
    expect((await request(app, 'OPTIONS /c')).status).toBe(404)
  })

  it('answers HEAD with the GET route, and prefers an earlier HEAD route', async () => {
    const app = router([
      ['/h', named('head'), ['HEAD']],
      ['/h', named('get'), ['GET']],
      ['/g/:id', named('get only'), ['GET']],
    ])
    expect((await request(app, 'HEAD /h')).header('x-route')).toBe('head')
    expect((await request(app, 'HEAD /g/1')).header('x-route')).toBe('get only')
  })

  it('matches an empty PATH_INFO as /', async () => {
    const res = await request(router([['/', named('root')]]), { path: '/api', scriptName: '/api' })
    expect(JSON.parse(res.text()).name).toBe('root')
  })

  it('never decodes parameters again, so escapes in PATH_INFO stay as they are', async () => {
    const app = router([
      ['/p/:value', named('param')],
      ['/w/*rest', named('wild')],
      ['/x/:a.:b', named('expression')],
    ])
    // On the wire '/p/a%2541' is '/p/a%41' once decoded; '%252e%252e' is '%2e%2e', never '..'.
    expect(JSON.parse((await request(app, 'GET /p/a%2541')).text()).named).toEqual({ value: 'a%41' })
    expect(JSON.parse((await request(app, 'GET /p/%252e%252e')).text()).named).toEqual({ value: '%2e%2e' })
    expect(JSON.parse((await request(app, 'GET /w/%252e%252e/100%25')).text()).named).toEqual({ rest: '%2e%2e/100%' })
    expect(JSON.parse((await request(app, 'GET /x/%2541.%25')).text()).named).toEqual({ a: '%41', b: '%' })
  })

  it('returns the route app result untouched, so a sync body stays sync', () => {
    const body = [encoder.encode('x')]
    const app = router([['/', () => body]])
    const environ = { REQUEST_METHOD: 'GET', PATH_INFO: '/', SCRIPT_NAME: '' } as Parameters<App>[0]
    expect(app(environ, () => {})).toBe(body)
  })

  it('throws a TypeError naming the route index and the pattern for a bad pattern', () => {
    expect(() =>
      router([
        ['/ok', named('ok')],
        ['/:', named('bad')],
      ]),
    ).toThrow(/^router\(\): route 1 has a bad pattern "\/:": Missing parameter name at index 2/)
    expect(() => router([['/a{/:b', named('bad')]])).toThrow(
      /route 0 has a bad pattern "\/a\{\/:b": Unexpected end at index 6, expected }/,
    )
    expect(() => router([['/:a:b', named('bad')]])).toThrow(TypeError)
    expect(() => router([['/*a*b', named('bad')]])).toThrow(/route 0 has a bad pattern/)
  })

  it('throws a TypeError for malformed routes and options', () => {
    const ok = named('ok')
    expect(() => router('nope' as never)).toThrow(new TypeError('router(): routes must be an array, got string'))
    expect(() => router([null as never])).toThrow(/route 0 must be \[pattern, app, methods\?\]/)
    expect(() => router([[42 as never, ok]])).toThrow('route 0 pattern must be a string or a RegExp, got number')
    expect(() => router([['/a', 'app' as never]])).toThrow('route 0 (/a) app must be a function, got string')
    expect(() => router([['/a', ok, ['get']]])).toThrow(/route 0 \(\/a\) methods must be a non-empty array/)
    expect(() => router([['/a', ok, []]])).toThrow(/methods must be a non-empty array/)
    expect(() => router([], { notFound: 'x' as never })).toThrow('options.notFound must be an app')
    expect(() => router([], { methodNotAllowed: 1 as never })).toThrow('options.methodNotAllowed must be a function')
    expect(() => router([], { trailing: 'yes' as never })).toThrow('options.trailing must be a boolean, got string')
  })
})

describe('routingArgs(environ)', () => {
  it('throws a TypeError when the app was not called by a router', async () => {
    await expect(request(named('alone'), 'GET /')).rejects.toThrow(/has no 'tsgi.routing_args'/)
  })
})

describe('router() inside router() (spec §2.4.10)', () => {
  it('appends the inner positional values and merges the names, the inner ones winning', async () => {
    const inner = router([[/^\/shops\/([^/]+)\/items\/(\d+)$/, named('inner')]])
    const outer = router([['/shops/:shop/items/:id', inner]])
    const response = await request(outer, 'GET /shops/acme/items/7')
    expect(response.json()).toEqual({ name: 'inner', positional: ['acme', '7'], named: { shop: 'acme', id: '7' } })
    const renaming = router([['/shops/:shop/items/:id', router([['/shops/:other/items/:id', named('inner')]])]])
    expect((await request(renaming, 'GET /shops/acme/items/7')).json()).toEqual({
      name: 'inner',
      positional: [],
      named: { shop: 'acme', id: '7', other: 'acme' },
    })
  })

  it('leaves the outer value as it was', async () => {
    const seen: string[] = []
    const inner = router([['/a/:x', named('inner')]])
    const outer = router([
      [
        '/a/:y',
        (environ, startResponse) => {
          const before = environ['tsgi.routing_args']!
          const body = inner(environ, startResponse)
          seen.push(JSON.stringify([before[0], { ...before[1] }]))
          return body
        },
      ],
    ])
    await request(outer, 'GET /a/1')
    expect(seen).toEqual(['[[],{"y":"1"}]'])
  })
})
