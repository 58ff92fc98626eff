// Type assertions only: `pnpm typecheck` (tsc) enforces them; under vitest each `it` passes
// whatever the types say, so a broken type shows in typecheck, not in the test run.
import type { App, Body, Chunk, Environ, HeaderList, Middleware, StartResponse } from '@tsgi/core'
import { describe, expectTypeOf, it } from 'vitest'

// An extension key declared the way a package that produces it declares it (spec §2.4).
declare module '@tsgi/core' {
  interface EnvironExtensions {
    'test.user'?: { id: string }
  }
}

describe('the interface types', () => {
  it('types an extension key declared through EnvironExtensions', () => {
    expectTypeOf<Environ['test.user']>().toEqualTypeOf<{ id: string } | undefined>()
    const read = (environ: Environ) => environ['test.user']?.id
    expectTypeOf(read).returns.toEqualTypeOf<string | undefined>()
  })

  it('makes a misspelt tsgi key a compile error', () => {
    const read = (environ: Environ) =>
      // @ts-expect-error: there is no catch-all for dotted keys
      environ['tsgi.url_schema']
    expectTypeOf(read).toBeFunction()
  })

  it('types HTTP_* keys as optional strings', () => {
    expectTypeOf<Environ['HTTP_X_ANYTHING']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<Environ['PATH_INFO']>().toEqualTypeOf<string>()
  })

  it('has startResponse return void, with no write()', () => {
    expectTypeOf<StartResponse>().returns.toEqualTypeOf<void>()
    expectTypeOf<StartResponse>().parameters.toEqualTypeOf<[string, HeaderList, unknown?]>()
  })

  it('makes a HeaderList read-only', () => {
    const headers: HeaderList = [['content-type', 'text/plain']]
    // @ts-expect-error: header lists are never mutated (spec §4.3)
    headers.push(['x', 'y'])
    // @ts-expect-error: nor their pairs
    headers[0]![1] = 'text/html'
    expectTypeOf(headers).toEqualTypeOf<HeaderList>()
  })

  it('accepts sync and async apps, and bodies of both kinds', () => {
    const sync: App = (_environ, startResponse) => {
      startResponse('200 OK', [])
      return [new Uint8Array(1)]
    }
    const asyncApp: App = async (_environ, startResponse) => {
      startResponse('200 OK', [])
      return (async function* () {
        yield new Uint8Array(1)
      })()
    }
    const withClose: Body = Object.assign([new Uint8Array(1)], { close: async () => {} })
    expectTypeOf(sync).toEqualTypeOf<App>()
    expectTypeOf(asyncApp).returns.toEqualTypeOf<Body | Promise<Body>>()
    expectTypeOf(withClose).toExtend<Body>()
  })

  it('refuses a string body and non-byte chunks', () => {
    // @ts-expect-error: bodies are bytes only (spec §5.1)
    const text: App = () => 'hello'
    // @ts-expect-error: an iterable of strings is not a body
    const strings: Body = ['a', 'b']
    expectTypeOf<Chunk>().toEqualTypeOf<Uint8Array>()
    expectTypeOf(text).toBeFunction()
    expectTypeOf(strings).toEqualTypeOf<Body>()
  })

  it('types a middleware as a function from app to app', () => {
    expectTypeOf<Middleware>().parameters.toEqualTypeOf<[App]>()
    expectTypeOf<Middleware>().returns.toEqualTypeOf<App>()
  })
})
