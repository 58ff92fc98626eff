import type { App } from '@tsgi/core'
import { check } from 'recheck'
import { describe, expect, it } from 'vitest'
import { compileRoutes } from '../src/compile.js'
import { router } from '../src/index.js'

const app: App = () => []

// Step limits only, no wall-clock limits, and a fixed seed: recheck's fuzzer otherwise reads a slow,
// busy machine as an attack that succeeded, and the verdict would depend on the load.
const DETERMINISTIC = {
  randomSeed: 0,
  timeout: null,
  attackTimeout: null,
  incubationTimeout: null,
  seedingTimeout: null,
  recallTimeout: -1,
} as const

// The shapes of path-to-regexp's advisories: CVE-2024-45296 (two parameters in one segment),
// CVE-2026-4923 (several wildcards with a parameter) and CVE-2026-4926 (sequential optional groups).
const ADVISORY_SHAPES = [
  '/:a-:b',
  '/:a.:b-:c',
  '/:a-:b-:c-:d-:e',
  '/flights/:from-:to',
  '/*foo-*bar-:baz',
  '/*a-:b-*c-:d',
  '/x/*a-:b/*c/y',
  '/*foo-:bar',
  '/*foo-:bar-*baz',
  '/*a/x/*b',
  '/a{-:b}{-:c}{-:d}',
  '/:name{.:ext}',
]

describe('compileRoutes() expressions', () => {
  it('are all linear-time for the advisory shapes, as recheck proves', async () => {
    const table = compileRoutes(ADVISORY_SHAPES.map((pattern): [string, App] => [pattern, app]))
    expect(table.expressions.length).toBeGreaterThanOrEqual(ADVISORY_SHAPES.length - 1)
    for (const regexp of table.expressions) {
      const diagnostics = await check(regexp.source, regexp.flags, DETERMINISTIC)
      expect({ source: regexp.source, status: diagnostics.status }).toEqual({ source: regexp.source, status: 'safe' })
    }
  }, 60_000)

  it('are flagged by recheck when a user RegExp backtracks, so the check can fail', async () => {
    const table = compileRoutes([[/^\/(a+)+$/, app]])
    const [regexp] = table.expressions
    expect((await check(regexp!.source, regexp!.flags, DETERMINISTIC)).status).toBe('vulnerable')
  })
})

describe('router() with many optional groups', () => {
  it('throws a TypeError at build time instead of compiling an exponential table', () => {
    const pattern = `/${'{a}'.repeat(10)}`
    const build = () =>
      router([
        ['/', app],
        [pattern, app],
      ])
    expect(build).toThrow(TypeError)
    expect(build).toThrow(`router(): route 1 has a bad pattern "${pattern}": Too many path combinations`)
  })
})
