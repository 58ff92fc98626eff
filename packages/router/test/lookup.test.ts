import type { App } from '@tsgi/core'
import fc from 'fast-check'
import { match as ptrMatch } from 'path-to-regexp'
import { describe, expect, it } from 'vitest'
import { compileRoutes } from '../src/compile.js'
import type { Pattern } from '../src/index.js'

// GitHub-API-shaped patterns (static siblings next to parameters, shared prefixes, deep
// parameters), a few that stay expressions, and RegExps, so every matcher takes part.
const GITHUB = [
  '/',
  '/user',
  '/user/repos',
  '/user/keys/:id',
  '/user/starred/:owner/:repo',
  '/users',
  '/users/:username',
  '/users/:username/repos',
  '/users/:username/following/:target',
  '/orgs/:org/members/:username',
  '/repos/:owner/:repo',
  '/repos/:owner/:repo/issues',
  '/repos/:owner/:repo/issues/comments',
  '/repos/:owner/:repo/issues/:number',
  '/repos/:owner/:repo/issues/:number/comments',
  '/repos/:owner/:repo/git/trees/:sha',
  '/repos/:owner/:repo/git/tags/:sha',
  '/gists/public',
  '/gists/:id',
  '/gists/:id/star',
  '/search/code',
  '/files/*path',
  '/repos/:owner/:repo.git',
  '/users/:username{/keys}',
  '/:a-:b',
]
const REGEXPS = [/^\/users\/(\d+)$/, /^\/gists\/(?<id>[a-f]+)\/star$/, /\/comments$/]
const SEGMENTS = [
  'user',
  'users',
  'repos',
  'issues',
  'comments',
  'git',
  'trees',
  'tags',
  'gists',
  'public',
  'star',
  'search',
  'code',
  'files',
  'keys',
  'octocat',
  '42',
  'abc',
  'node.git',
  'a-b',
  '',
  'wiki',
  'nope',
]
const METHODS = ['GET', 'POST', 'DELETE']

interface Spec {
  pattern: Pattern
  methods: string[] | undefined
}

const spec: fc.Arbitrary<Spec> = fc.record({
  pattern: fc.constantFrom<Pattern>(...GITHUB, ...REGEXPS),
  methods: fc.option(fc.subarray(METHODS, { minLength: 1 }), { nil: undefined }),
})
const path = fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 7 }).map((segments) => `/${segments.join('/')}`)

/** A naive first-wins scan: path-to-regexp's own expression (or the RegExp) for every route, in order. */
function reference(specs: readonly Spec[]) {
  const matchers = specs.map(({ pattern }) => {
    if (typeof pattern !== 'string') return (p: string) => (pattern.test(p) ? {} : false)
    const run = ptrMatch(pattern, { decode: false, sensitive: true })
    return (p: string) => {
      const found = run(p)
      return found === false ? false : { ...found.params }
    }
  })
  const accepts = ({ methods }: Spec, method: string) =>
    methods === undefined || methods.includes(method) || (method === 'HEAD' && methods.includes('GET'))
  return {
    match(p: string, method: string) {
      for (let i = 0; i < specs.length; i++) {
        const params = accepts(specs[i]!, method) ? matchers[i]!(p) : false
        if (params !== false) return { index: i, params }
      }
      return { index: -1 }
    },
    any: (p: string) => matchers.some((matcher) => matcher(p) !== false),
  }
}

describe('compileRoutes() on GitHub-shaped tables', () => {
  it('picks the same route and parameters as a naive first-wins scan, for hits and misses', () => {
    fc.assert(
      fc.property(
        fc.array(spec, { minLength: 1, maxLength: 25 }),
        fc.array(path, { minLength: 1, maxLength: 15 }),
        fc.constantFrom('GET', 'HEAD', 'POST', 'PUT'),
        (specs, paths, method) => {
          const apps = specs.map((): App => () => [])
          const table = compileRoutes(specs.map(({ pattern, methods }, i) => ({ pattern, app: apps[i]!, methods })))
          const naive = reference(specs)
          const misses: string[] = []
          for (const p of paths) {
            const got = table.match(p, method)
            const expected = naive.match(p, method)
            const named = got === undefined ? undefined : { ...got.args[1] }
            const index = got === undefined ? -1 : apps.indexOf(got.app)
            // A RegExp route's parameters are checked elsewhere; here its index is enough.
            const params = index === -1 || typeof specs[index]!.pattern !== 'string' ? undefined : named
            const want =
              expected.index === -1 || typeof specs[expected.index]!.pattern !== 'string' ? undefined : expected.params
            expect({ p, index, params }).toEqual({ p, index: expected.index, params: want })
            // The router asks for Allow only when match() failed: right after it, and here also on
            // its own below, a path no route takes has none, a path other methods take has one.
            if (got !== undefined) continue
            misses.push(p)
            expect({ p, after: table.allowed(p) !== undefined }).toEqual({ p, after: naive.any(p) })
          }
          for (const p of misses.reverse()) {
            expect({ p, alone: table.allowed(p) !== undefined }).toEqual({ p, alone: naive.any(p) })
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('tells an exact path from a parametric one of the same length and last character', () => {
    const [exact, param] = [(() => []) as App, (() => []) as App]
    const table = compileRoutes([
      ['/ab', exact],
      ['/:x', param],
      ['/gists/public', exact, ['GET']],
      ['/gists/:id', param],
    ])
    expect(table.match('/ab', 'GET')?.app).toBe(exact)
    expect(table.match('/cb', 'GET')?.args[1]).toEqual({ x: 'cb' })
    expect(table.match('/ab/', 'GET')?.app).toBe(exact)
    expect(table.match('/cb/', 'GET')?.args[1]).toEqual({ x: 'cb' })
    expect(table.match('/gists/public', 'GET')?.app).toBe(exact)
    expect(table.match('/gists/public', 'POST')?.args[1]).toEqual({ id: 'public' })
    expect(table.match('/gists/pubnic', 'GET')?.args[1]).toEqual({ id: 'pubnic' })
    expect(table.match('', 'GET')).toBeUndefined()
  })

  it('answers a path that only other methods take with its Allow list, also right after the miss', () => {
    const table = compileRoutes([
      ['/repos/:owner/:repo', (() => []) as App, ['POST']],
      [/^\/gists\/\w+$/, (() => []) as App, ['DELETE']],
    ])
    expect(table.match('/repos/a/b', 'GET')).toBeUndefined()
    expect(table.allowed('/repos/a/b')).toEqual(['POST', 'OPTIONS'])
    expect(table.match('/gists/x', 'GET')).toBeUndefined()
    expect(table.allowed('/gists/x')).toEqual(['DELETE', 'OPTIONS'])
    expect(table.match('/repos/a', 'GET')).toBeUndefined()
    expect(table.allowed('/repos/a')).toBeUndefined()
  })
})
