import type { Environ } from '@tsgi/core'
import { isHTTPError } from '@tsgi/core'
import { QueryError, queryOf } from '@tsgi/query'
import { describe, expect, it } from 'vitest'

const environ = (qs: string): Pick<Environ, 'QUERY_STRING'> => ({ QUERY_STRING: qs })

describe('queryOf(environ, options)', () => {
  it('parses QUERY_STRING as parseQs does, into a null-prototype object', () => {
    const query = queryOf(environ('subject=caf%C3%A9+au+lait&a=1&a=2&blank='))
    expect(Object.getPrototypeOf(query)).toBe(null)
    expect({ ...query }).toEqual({ subject: ['café au lait'], a: ['1', '2'] })
  })

  it('parses once per environ and hands every caller the same object', () => {
    const env = environ('a=1')
    const first = queryOf(env)
    env.QUERY_STRING = 'a=2' // not something an app should do; it shows the cache is keyed by the environ
    expect(queryOf(env)).toBe(first)
    expect(queryOf(env, { keepBlankValues: true })).toBe(first)
    expect(queryOf({ ...env })).not.toBe(first)
  })

  it('applies the first call options', () => {
    const env = environ('a=&b')
    expect({ ...queryOf(env, { keepBlankValues: true }) }).toEqual({ a: [''], b: [''] })
  })

  it('answers 400 for more than 1000 fields by default, and caches nothing then', () => {
    const env = environ(Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join('&'))
    let error: unknown
    try {
      queryOf(env)
    } catch (thrown) {
      error = thrown
    }
    expect(error).toBeInstanceOf(QueryError)
    expect(isHTTPError(error) && error.status).toBe(400)
    expect(Object.keys(queryOf(env, { maxNumFields: 1001 }))).toHaveLength(1001)
    expect(Object.keys(queryOf(environ(env.QUERY_STRING.replace(/&f1000=1$/, ''))))).toHaveLength(1000)
  })

  it('throws a TypeError for an environ without a QUERY_STRING string', () => {
    expect(() => queryOf({} as never)).toThrow(/environ\.QUERY_STRING must be a string, got undefined/)
  })
})
