import type { App } from '@tsgi/core'
import fc from 'fast-check'
import { match as ptrMatch } from 'path-to-regexp'
import { describe, expect, it } from 'vitest'
import { compileRoutes } from '../src/compile.js'

// Segments chosen to collide: shared first letters, more siblings than a bucket holds, a
// non-ASCII first character, empty segments, parameters and wildcards next to statics.
const PATTERN_SEGMENTS = [
  'a',
  'ab',
  'abc',
  'b',
  'ba',
  'c',
  'd',
  'e',
  'f',
  'g',
  'h',
  'i',
  '\u00e9',
  '',
  ':p',
  ':q',
  '*w',
]
const PATH_SEGMENTS = ['a', 'ab', 'abc', 'b', 'ba', 'c', 'i', '\u00e9', '', 'x', 'a%41']

const pattern = fc.array(fc.constantFrom(...PATTERN_SEGMENTS), { minLength: 0, maxLength: 4 }).map((segments) => {
  // A wildcard only as the last segment, and each parameter name once.
  const cut = segments.findIndex((segment) => segment.startsWith('*'))
  const kept = cut === -1 ? segments : segments.slice(0, cut + 1)
  return `/${kept.map((segment, i) => (segment.startsWith(':') || segment.startsWith('*') ? `${segment}${i}` : segment)).join('/')}`
})
const path = fc
  .array(fc.constantFrom(...PATH_SEGMENTS), { minLength: 0, maxLength: 5 })
  .map((segments) => `/${segments.join('/')}`)

describe('compileRoutes() segment trie', () => {
  it('picks the same route and parameters as a linear scan of path-to-regexp expressions, and misses alike', () => {
    fc.assert(
      fc.property(
        fc.array(pattern, { minLength: 1, maxLength: 30 }),
        fc.array(path, { maxLength: 20 }),
        (patterns, paths) => {
          const apps = patterns.map((): App => () => [])
          const table = compileRoutes(patterns.map((p, i) => [p, apps[i]!]))
          const references = patterns.map((p) => ptrMatch(p, { decode: false, sensitive: true }))
          for (const p of paths) {
            const index = references.findIndex((reference) => reference(p) !== false)
            const expected = index === -1 ? false : references[index]!(p)
            const got = table.match(p, 'GET')
            expect({
              p,
              index: got ? apps.indexOf(got.app) : -1,
              params: got ? { ...got.args[1] } : undefined,
            }).toEqual({
              p,
              index,
              params: expected ? { ...expected.params } : undefined,
            })
            // Every route takes every method here, so only a miss asks for Allow, and finds none.
            if (got === undefined) expect({ p, allowed: table.allowed(p) }).toEqual({ p, allowed: undefined })
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
