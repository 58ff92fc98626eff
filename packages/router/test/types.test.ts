import type { App, Environ } from '@tsgi/core'
import { request } from '@tsgi/test'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { type PathParams, type Route, route, router, routingArgs } from '../src/index.js'

describe('route(pattern, app, methods)', () => {
  it('infers path parameters from the pattern, optional groups as string | undefined', () => {
    expectTypeOf<PathParams<'/users/:id'>>().toEqualTypeOf<{ id: string }>()
    expectTypeOf<PathParams<'/a/:b{/:c}'>>().toEqualTypeOf<{ b: string; c: string | undefined }>()
    expectTypeOf<PathParams<'/files/*path'>>().toEqualTypeOf<{ path: string }>()
    expectTypeOf<PathParams<'/:name{.:ext}{/*rest}'>>().toEqualTypeOf<{
      name: string
      ext: string | undefined
      rest: string | undefined
    }>()
    expectTypeOf<PathParams<'/:"quoted name"/\\:literal'>>().toEqualTypeOf<{ 'quoted name': string }>()
    expectTypeOf<PathParams<'/static'>>().toEqualTypeOf<{}>()
    expectTypeOf<PathParams<string>>().toEqualTypeOf<Record<string, string>>()
  })

  it('types the environ of the app it wraps and returns a Route', async () => {
    const show = route(
      '/users/:id{/:tab}',
      (environ, startResponse) => {
        const [, params] = environ['tsgi.routing_args']
        expectTypeOf(params).toEqualTypeOf<{ id: string; tab: string | undefined }>()
        expectTypeOf(routingArgs(environ)[1].id).toEqualTypeOf<string>()
        startResponse('200 OK', [['content-type', 'text/plain']])
        return [new TextEncoder().encode(`${params.id}:${params.tab ?? '-'}`)]
      },
      ['GET'],
    )
    expectTypeOf(show).toEqualTypeOf<Route>()
    const app = router([
      show,
      route(/^\/r\/(\d+)$/, (environ) => {
        expectTypeOf(environ['tsgi.routing_args'][1]).toEqualTypeOf<Record<string, string>>()
        return []
      }),
    ])
    expectTypeOf(app).toEqualTypeOf<App>()
    expect((await request(app, 'GET /users/7')).text()).toBe('7:-')
    expect((await request(app, 'GET /users/7/repos')).text()).toBe('7:repos')
  })

  it('declares tsgi.routing_args on every Environ', () => {
    expectTypeOf<Environ['tsgi.routing_args']>().toEqualTypeOf<
      [positional: (string | undefined)[], named: Record<string, string>] | undefined
    >()
  })
})
