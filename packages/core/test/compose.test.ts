import { type App, compose, type Middleware } from '@tsgi/core'
import { describe, expect, it } from 'vitest'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

/** A middleware that records when it is applied and when a request passes through it. */
function layer(name: string, log: string[]): Middleware {
  return (app) => {
    log.push(`apply ${name}`)
    return (environ, startResponse) => {
      log.push(`enter ${name}`)
      return app(environ, startResponse)
    }
  }
}

const inner =
  (log: string[]): App =>
  (_environ, startResponse) => {
    log.push('app')
    startResponse('200 OK', [])
    return [bytes('ok')]
  }

const call = (app: App) => app({} as never, () => {})

describe('compose(...middleware)', () => {
  it('makes the first argument the outermost layer', () => {
    const log: string[] = []
    const app = compose(layer('a', log), layer('b', log), layer('c', log))(inner(log))
    expect(log).toEqual(['apply c', 'apply b', 'apply a'])
    log.length = 0
    call(app)
    expect(log).toEqual(['enter a', 'enter b', 'enter c', 'app'])
  })

  it('is a(b(app)) for compose(a, b)(app)', () => {
    const log: string[] = []
    const composed = compose(layer('a', log), layer('b', log))(inner(log))
    const nested = layer('a', log)(layer('b', log)(inner(log)))
    log.length = 0
    call(composed)
    const composedLog = [...log]
    log.length = 0
    call(nested)
    expect(composedLog).toEqual(log)
  })

  it('returns the app itself when given no middleware', () => {
    const app = inner([])
    expect(compose()(app)).toBe(app)
  })

  it('applies the layers once, when applied to an app, not per request', () => {
    const log: string[] = []
    const app = compose(layer('a', log))(inner([]))
    call(app)
    call(app)
    expect(log.filter((entry) => entry.startsWith('apply'))).toEqual(['apply a'])
  })

  it('can be applied to several apps', () => {
    const middleware = compose(layer('a', []))
    const first = inner([])
    const second = inner([])
    expect(middleware(first)).not.toBe(middleware(second))
  })

  it('throws a TypeError at build time naming the argument that is not a function', () => {
    const ok: Middleware = (app) => app
    expect(() => compose(ok, 'logger' as never)).toThrow(
      new TypeError('compose(): argument 1 must be a middleware function, got "logger"'),
    )
    expect(() => compose(undefined as never)).toThrow(/argument 0 must be a middleware function, got undefined/)
  })

  it('throws a TypeError when applied to something that is not an app', () => {
    expect(() => compose()({} as never)).toThrow(
      new TypeError('compose(...)(app): app must be a function, got an object'),
    )
  })

  it('throws a TypeError at build time naming the layer that returned something that is not an app', () => {
    const ok: Middleware = (app) => app
    const broken = (() => undefined) as unknown as Middleware
    expect(() => compose(ok, broken, ok)(inner([]))).toThrow(
      new TypeError('compose(): middleware 1 must return an app function, got undefined'),
    )
  })
})
