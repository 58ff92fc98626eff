import { runInNewContext } from 'node:vm'
import type { App } from '@tsgi/core'
import { describe, expect, it } from 'vitest'
import { type Context, encoder } from './context.js'

/**
 * Values an app may throw, from the plain to the hostile: primitives, objects that pose as
 * `HTTPError`s with a bad or a success status, getters and proxies that throw, an `Error` of
 * another realm. Whatever it is, the answer is a 4xx or 5xx and the server stays up (spec §6.2.1).
 */
export const THROWN: ReadonlyArray<readonly [string, () => unknown]> = [
  ['undefined', () => undefined],
  ['null', () => null],
  ['a number', () => 0],
  ['a string', () => 'a string'],
  ['a symbol', () => Symbol('thrown')],
  ['a bigint', () => 12n],
  ['a branded object with status "abc"', () => ({ isHTTPError: true, status: 'abc' })],
  ['a branded object with status 200', () => ({ isHTTPError: true, status: 200 })],
  [
    'a branded 302 with a Location',
    () => ({ isHTTPError: true, status: 302, headers: [['location', 'https://evil.example/']] }),
  ],
  ['a branded object with status 101', () => ({ isHTTPError: true, status: 101 })],
  ['a branded object with status 404.5', () => ({ isHTTPError: true, status: 404.5 })],
  ['a branded object with status 1e9', () => ({ isHTTPError: true, status: 1e9 })],
  ['a branded 404 with headers that are not a list', () => ({ isHTTPError: true, status: 404, headers: 'not a list' })],
  [
    'a branded 400 whose exposed message is not a string',
    () => ({ isHTTPError: true, status: 400, expose: true, message: { toString: () => 'not a string' } }),
  ],
  [
    'a branded object whose status getter throws',
    () =>
      Object.defineProperty({ isHTTPError: true }, 'status', {
        get() {
          throw new Error('a getter that throws')
        },
      }),
  ],
  [
    'an object whose brand getter throws',
    () =>
      Object.defineProperty({}, 'isHTTPError', {
        get() {
          throw new Error('flag getter')
        },
      }),
  ],
  [
    'a revoked proxy',
    () => {
      const { proxy, revoke } = Proxy.revocable({}, {})
      revoke()
      return proxy
    },
  ],
  [
    'a proxy whose every trap throws',
    () =>
      new Proxy(
        {},
        {
          get() {
            throw new Error('trap')
          },
          getPrototypeOf() {
            throw new Error('trap')
          },
        },
      ),
  ],
  ['an Error of another realm', () => runInNewContext('new Error("from another realm")')],
  ['a null-prototype object', () => Object.create(null)],
  ['an array', () => [1, 2, 3]],
  ['a function', () => () => 'a function'],
]

export function thrownTests(ctx: Context): void {
  describe('whatever an app throws (spec §6.2.1)', () => {
    it.each(THROWN.map(([name], index) => [name, index] as const))(
      'answers %s with a 4xx or 5xx, logs it, and keeps serving',
      async (_name, index) => {
        const log = ctx.errorLog()
        const app: App = (environ, startResponse) => {
          if (environ.PATH_INFO === '/throw') throw (THROWN[index] as readonly [string, () => unknown])[1]()
          startResponse('200 OK', [])
          return [encoder.encode('still here')]
        }
        const url = await ctx.serve(app, { errors: log })
        const response = await fetch(`${url}/throw`)
        await response.arrayBuffer()
        expect(response.status).toBeGreaterThanOrEqual(400)
        expect(response.status).toBeLessThan(600)
        expect(response.headers.get('location')).toBeNull()
        // Logged in core's one format (spec §6.6.5).
        if (response.status === 500) expect(log.text).toMatch(/^\[tsgi\] GET \/throw: /)
        expect(await (await fetch(`${url}/fine`)).text()).toBe('still here')
      },
    )
  })
}
