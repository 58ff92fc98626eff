// Replays what CPython answers (test/fixtures/python-cases.json, written by scripts/gen-fixture.py).
import { readFileSync } from 'node:fs'
import { isHTTPError } from '@tsgi/core'
import { type ParseQsOptions, parseQs, parseQsl, QueryError, quotePlus, unquotePlus, urlencode } from '@tsgi/query'
import { describe, expect, it } from 'vitest'

type Outcome<T> = { result: T } | { error: string; message: string }
interface Fixture {
  python: string
  parse: Array<{
    qs: string
    options: ParseQsOptions
    parseQsl: Outcome<Array<[string, string]>>
    parseQs: Outcome<Array<[string, string[]]>>
  }>
  unquotePlus: Array<{ input: string; result: string }>
  quotePlus: Array<{ input: string; safe: string; result: string }>
  urlencode: Array<{ data: Array<[string, unknown]>; doseq: boolean; result: string }>
}

const fixture: Fixture = JSON.parse(readFileSync(new URL('./fixtures/python-cases.json', import.meta.url), 'utf8'))
const show = (value: unknown): string => JSON.stringify(value)

function expectQueryError(run: () => unknown, message: string): void {
  let thrown: unknown
  try {
    run()
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(QueryError)
  expect(isHTTPError(thrown) && thrown.status).toBe(400)
  expect((thrown as Error).message).toBe(message)
}

describe('the Python fixture', () => {
  it('was written by Python 3.11 and holds cases of every kind', () => {
    expect(fixture.python).toMatch(/^3\.11\./)
    expect(fixture.parse.length).toBeGreaterThan(300)
    expect(fixture.parse.some((c) => 'error' in c.parseQsl)).toBe(true)
  })
})

describe('parseQsl(qs, options)', () => {
  it.each(fixture.parse.map((c) => [show(c.qs), show(c.options), c] as const))(
    'parses %s with %s as Python does',
    (_q, _o, c) => {
      const outcome = c.parseQsl
      if ('error' in outcome) expectQueryError(() => parseQsl(c.qs, c.options), outcome.message)
      else expect(parseQsl(c.qs, c.options)).toEqual(outcome.result)
    },
  )
})

describe('parseQs(qs, options)', () => {
  it.each(fixture.parse.map((c) => [show(c.qs), show(c.options), c] as const))(
    'parses %s with %s as Python does',
    (_q, _o, c) => {
      const outcome = c.parseQs
      if ('error' in outcome) {
        expectQueryError(() => parseQs(c.qs, c.options), outcome.message)
        return
      }
      const result = parseQs(c.qs, c.options)
      expect(Object.getPrototypeOf(result)).toBe(null)
      expect(Object.keys(result).sort()).toEqual(outcome.result.map(([name]) => name).sort())
      for (const [name, values] of outcome.result) expect(result[name]).toEqual(values)
    },
  )
})

describe('unquotePlus(string)', () => {
  it.each(fixture.unquotePlus.map((c) => [show(c.input), c] as const))('decodes %s as Python does', (_i, c) => {
    expect(unquotePlus(c.input)).toBe(c.result)
  })
})

describe('quotePlus(string, safe)', () => {
  it.each(fixture.quotePlus.map((c) => [show(c.input), show(c.safe), c] as const))(
    'encodes %s (safe %s) as Python does',
    (_i, _s, c) => {
      expect(quotePlus(c.input, c.safe)).toBe(c.result)
    },
  )
})

describe('urlencode(data, options)', () => {
  it.each(fixture.urlencode.map((c) => [show(c.data), c] as const))('encodes %s as Python does', (_d, c) => {
    expect(urlencode(c.data, { doseq: c.doseq })).toBe(c.result)
  })
})
