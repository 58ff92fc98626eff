// Router cell: `node router.mjs <implementation> <set> <budgetMs>`. Every implementation gets
// the GitHub-shaped table and must route each lookup to the expected route and parameters.
//  - tsgi: router(routes) called as an app (lookup, the environ copy carrying
//    tsgi.routing_args, and the route app's call), as a server would call it;
//  - find-my-way: find() plus the handler's call with the parameters;
//  - hono-regexp: Hono's RegExpRouter match() (the table without the 4 routes it rejects).
import { isDeepStrictEqual } from 'node:util'
import { guard, runCell } from './cell.mjs'
import { makeEnviron } from './environ.mjs'
import { lookups, regexpRouterUnsupported, routes } from './github-routes.mjs'

const [implementation, set, budget] = process.argv.slice(2)

async function build() {
  if (implementation === 'find-my-way') {
    const { default: FindMyWay } = await import('find-my-way')
    const table = FindMyWay()
    let last = null
    for (const route of routes) {
      table.on('GET', route, (params) => {
        last = params
        return route
      })
    }
    const hot = (path) => {
      const found = table.find('GET', path)
      return found === null ? null : found.handler(found.params)
    }
    const answer = (path) => {
      const route = hot(path)
      return route === null ? [null, null] : [route, { ...last }]
    }
    return { answer, hot }
  }
  if (implementation === 'hono-regexp') {
    const { RegExpRouter } = await import('hono/router/reg-exp-router')
    const table = new RegExpRouter()
    for (const route of routes) if (!regexpRouterUnsupported.includes(route)) table.add('GET', route, route)
    const hot = (path) => table.match('GET', path)
    const answer = (path) => {
      const [handlers, stash] = hot(path)
      if (handlers.length === 0) return [null, null]
      const [route, map] = handlers[0]
      const params = {}
      for (const key in map) params[key] = stash[map[key]]
      return [route, params]
    }
    return { answer, hot }
  }
  if (implementation === 'tsgi') {
    const { router } = await import('@tsgi/router')
    if (typeof router !== 'function') throw new Error('@tsgi/router has no router() yet')
    let last = null
    const table = router(
      routes.map((route) => [
        route,
        (environ, startResponse) => {
          last = [route, environ['tsgi.routing_args'][1]]
          startResponse('200 OK', [])
          return []
        },
      ]),
    )
    const environs = new Map()
    for (const group of Object.values(lookups)) for (const [path] of group) environs.set(path, makeEnviron(path))
    const startResponse = () => {}
    const hot = (path) => {
      try {
        return table(environs.get(path), startResponse)
      } catch (error) {
        return error
      }
    }
    const answer = (path) => {
      last = [null, null]
      hot(path)
      return last[0] === null ? last : [last[0], { ...last[1] }]
    }
    return { answer, hot }
  }
  throw new Error(`unknown implementation ${implementation}`)
}

guard(async () => {
  const { answer, hot } = await build()
  // Every implementation answers every lookup correctly before the one set is timed.
  for (const group of Object.values(lookups)) {
    for (const [path, route, params] of group) {
      const got = answer(path)
      const expected = [route, params]
      if (!isDeepStrictEqual(got, expected)) {
        throw new Error(`${path} routed to ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`)
      }
    }
  }
  const cases = lookups[set].map(([path, route, params]) => [path, [route, params]])
  await runCell({ cases, answer, hot, budgetMs: Number(budget) })
})
