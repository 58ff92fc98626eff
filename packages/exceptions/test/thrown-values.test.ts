import { HTTPError, isHTTPError } from '@tsgi/core'
import { exceptionMiddleware } from '@tsgi/exceptions'
import { describe, expect, it } from 'vitest'
import { run } from './_recorder.js'

// Whatever an app throws, the middleware answers with a 4xx/5xx, logs it and never throws itself:
// a duck-typed isHTTPError flag is not trusted blindly, and an error is never a success.

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  return proxy
}

const throwingGetter = Object.defineProperty({}, 'isHTTPError', {
  get() {
    throw new Error('a getter that throws')
  },
})

const cases: [string, unknown][] = [
  ['a string', 'boom'],
  ['null', null],
  ['undefined', undefined],
  ['a symbol', Symbol('s')],
  ['a duck-typed HTTPError with a status that is not a number', { isHTTPError: true, status: 'abc' }],
  ['a duck-typed HTTPError with a success status', { isHTTPError: true, status: 200, message: 'ok', expose: true }],
  ['a duck-typed HTTPError with a redirect status', { isHTTPError: true, status: 302, headers: [], expose: true }],
  ['an Error with status 200', Object.assign(new Error('fine?'), { status: 200 })],
  ['an object whose isHTTPError getter throws', throwingGetter],
  ['a revoked Proxy', revoked()],
]

describe('exceptionMiddleware(): any thrown value (#24)', () => {
  it.each(cases)('answers 500 to %s and logs it', async (_what, thrown) => {
    const res = await run(
      exceptionMiddleware(() => {
        throw thrown
      }),
    )
    expect(res.escaped).toBeUndefined()
    expect(res.status).toBe('500 Internal Server Error')
    expect(res.log).toMatch(/^\[tsgi\] GET \/: /)
  })

  it('keeps a valid duck-typed 4xx from another copy of core, with only its valid headers', async () => {
    const foreign = {
      isHTTPError: true,
      status: 418,
      message: 'teapot',
      expose: true,
      headers: [
        ['x-ok', '1'],
        ['bad name', 'x'],
      ],
    }
    const res = await run(
      exceptionMiddleware(() => {
        throw foreign
      }),
    )
    expect(res.status).toBe("418 I'm a Teapot")
    expect(res.text).toContain('teapot')
    expect(res.headers).toContainEqual(['x-ok', '1'])
    expect(res.headers.some(([name]) => name === 'bad name')).toBe(false)
  })
})

describe('HTTPError.from and isHTTPError never trust a bare brand (#24)', () => {
  it.each(cases)('HTTPError.from(%s) is a 500 that keeps it as cause', (_what, thrown) => {
    const error = HTTPError.from(thrown)
    expect(error.status).toBe(500)
    expect(error.cause).toBe(thrown)
    expect(isHTTPError(thrown)).toBe(false)
  })
})
