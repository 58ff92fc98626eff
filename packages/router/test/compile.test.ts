import type { App } from '@tsgi/core'
import { match as ptrMatch } from 'path-to-regexp'
import { describe, expect, it } from 'vitest'
import { compileRoutes } from '../src/compile.js'

const app: App = () => []
const named = (args: unknown): Record<string, unknown> => ({ ...(args as [unknown, object])[1] })

// Pattern × path pairs: the table must agree with path-to-regexp's own expression
// (case-sensitive, no decoding), whether a pattern lands in the trie or stays an expression.
const PATTERNS = [
  '/',
  '/users',
  '/users/',
  '/users/:id',
  '/users/:id/posts/:post',
  '/files/*path',
  '/files{/*path}',
  '/a{/:b}',
  '/a{/:b}{/:c}',
  '/:name.:ext',
  '/:a-:b',
  '/x/*a/y',
  '/caf\u00e9/:id',
  '/:"quoted name"',
]
const PATHS = [
  '/',
  '/users',
  '/users/',
  '/users//',
  '/Users',
  '/users/1',
  '/users/1/',
  '/users/1/posts/2',
  '/users/a%41',
  '/files',
  '/files/',
  '/files/a',
  '/files/a/b/',
  '/a',
  '/a/1',
  '/a/1/2',
  '/a/1/2/3',
  '/archive.tar.gz',
  '/x-y-z',
  '/x/1/2/y',
  '/caf\u00e9/1',
  '/x y',
  '',
]

describe('compileRoutes(routes, options)', () => {
  for (const trailing of [true, false]) {
    it(`matches like path-to-regexp with trailing ${trailing}`, () => {
      for (const pattern of PATTERNS) {
        const table = compileRoutes([[pattern, app]], { trailing })
        const reference = ptrMatch(pattern, { decode: false, sensitive: true, trailing })
        for (const path of PATHS) {
          const expected = reference(path)
          const got = table.match(path, 'GET')
          expect({ pattern, path, got: got && named(got.args) }).toEqual({
            pattern,
            path,
            got: expected ? { ...expected.params } : undefined,
          })
        }
      }
    })
  }

  it('picks the first matching pattern of a whole table, as a linear scan would', () => {
    for (const order of [PATTERNS, [...PATTERNS].reverse()]) {
      const apps = order.map((): App => () => [])
      const table = compileRoutes(order.map((pattern, i) => [pattern, apps[i]!]))
      const references = order.map((pattern) => ptrMatch(pattern, { decode: false, sensitive: true }))
      for (const path of PATHS) {
        const first = references.findIndex((reference) => reference(path) !== false)
        const got = table.match(path, 'GET')
        expect({ path, index: got ? apps.indexOf(got.app) : -1 }).toEqual({ path, index: first })
      }
    }
  })

  it('picks the lowest route index among every match, static or not', () => {
    const table = compileRoutes([
      ['/users/:id', app],
      ['/users/me', app],
      ['/users/:id/*rest', app],
      [/^\/users\/(\d+)\/x$/, app],
    ])
    expect(named(table.match('/users/me', 'GET')?.args)).toEqual({ id: 'me' })
    expect(named(table.match('/users/1/x', 'GET')?.args)).toEqual({ id: '1', rest: 'x' })
  })

  it('lets a RegExp listed first beat the trie', () => {
    const first: App = () => []
    const table = compileRoutes([
      [/^\/users\/(\d+)$/, first],
      ['/users/:id', app],
      ['/users/42', app],
    ])
    expect(table.match('/users/42', 'GET')?.app).toBe(first)
    expect(table.match('/users/42', 'GET')?.args[0]).toEqual(['42'])
    expect(table.match('/users/x', 'GET')?.app).toBe(app)
  })

  it('skips routes for other methods and falls through to the next match', () => {
    const post: App = () => []
    const table = compileRoutes([
      ['/items/:id', post, ['POST']],
      ['/items/:id', app, ['GET']],
      ['/items/new', post, ['PUT']],
    ])
    expect(table.match('/items/1', 'GET')?.app).toBe(app)
    expect(table.match('/items/new', 'GET')?.app).toBe(app)
    expect(table.match('/items/new', 'PUT')?.app).toBe(post)
    expect(table.match('/items/1', 'DELETE')).toBeUndefined()
    expect(table.allowed('/items/1')).toEqual(['POST', 'GET', 'HEAD', 'OPTIONS'])
    expect(table.allowed('/items/new')).toEqual(['POST', 'GET', 'HEAD', 'PUT', 'OPTIONS'])
    expect(table.allowed('/nothing')).toBeUndefined()
  })

  it('answers HEAD with a GET route', () => {
    const table = compileRoutes([
      ['/a', app, ['GET']],
      ['/b/:id', app, ['GET']],
    ])
    expect(table.match('/a', 'HEAD')?.app).toBe(app)
    expect(table.match('/b/1', 'HEAD')?.app).toBe(app)
  })

  it('puts unnamed RegExp groups in the positional list and named ones in the named object', () => {
    const table = compileRoutes([[/^\/(\d+)\/(?<slug>[a-z]+)(?:\/(x))?(?=$)[(]?$/, app]])
    const args = table.match('/12/abc', 'GET')?.args
    expect(args?.[0]).toEqual(['12', undefined])
    expect(named(args)).toEqual({ slug: 'abc' })
  })

  it('counts groups right inside classes, escapes and nested v-flag classes', () => {
    // Built at run time: the type-check target predates the v flag.
    const [source, flags] = [String.raw`^\/v([[a-z]--[aeiou]])(?<b>[\(])$`, 'v']
    const table = compileRoutes([
      [/^\/([(])\((?<a>x)[\]()](y)$/, () => []],
      [new RegExp(source, flags), () => []],
    ])
    const first = table.match('/((x)y', 'GET')?.args
    expect([first?.[0], { ...first?.[1] }]).toEqual([['(', 'y'], { a: 'x' }])
    const second = table.match('/vb(', 'GET')?.args
    expect([second?.[0], { ...second?.[1] }]).toEqual([['b'], { b: '(' }])
  })

  it('ignores g and y flags, so a RegExp matches the same on every request', () => {
    const table = compileRoutes([[/^\/a$/gy, app]])
    expect(table.match('/a', 'GET')?.app).toBe(app)
    expect(table.match('/a', 'GET')?.app).toBe(app)
  })

  it('gives named parameters an object that inherits no keys', () => {
    const args = compileRoutes([['/:constructor/:__proto__', app]]).match('/x/y', 'GET')?.args
    const params = args?.[1] as Record<string, string>
    expect(params.constructor).toBe('x')
    expect(Object.keys(params)).toEqual(['constructor', '__proto__'])
    expect(params.toString).toBeUndefined()
    expect(Object.getPrototypeOf(Object.getPrototypeOf(params))).toBeNull()
  })

  it('reports every expression it runs and none for whole-segment patterns', () => {
    const user = /^\/u\/(\d+)$/
    const table = compileRoutes([
      ['/a/:b', app],
      ['/:x.:y', app],
      [user, app],
    ])
    expect(table.expressions.map((regexp) => regexp.source)).toEqual([expect.stringContaining('\\.'), user.source])
  })
})
