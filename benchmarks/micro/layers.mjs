// Layer-cost cell: `node layers.mjs <implementation> call <budgetMs>`. A sync app called in
// process, its body iterated and closed as a server would, bare or under layers:
//  - compose-10: compose() of ten pass-through middleware;
//  - transform-start-1: one transform() layer with a start hook that keeps the status;
//  - transform-1 / transform-10: one or ten transform() layers with an identity chunk hook;
//  - session-unused: @tsgi/session's session() around an app that never loads the session.
import { guard } from './cell.mjs'
import { makeEnviron } from './environ.mjs'
import { timeSyncApp } from './sync-app.mjs'

const [implementation, , budget] = process.argv.slice(2)

const hello = new TextEncoder().encode('Hello, world!')
const headers = [['content-type', 'text/plain']]
const app = (_environ, startResponse) => {
  startResponse('200 OK', headers)
  return [hello]
}
const passThrough = (inner) => (environ, startResponse) => inner(environ, startResponse)

async function build() {
  if (implementation === 'bare') return app
  if (implementation === 'session-unused') {
    const { session } = await import('@tsgi/session')
    return session(app, { secret: 'a benchmark secret of at least thirty-two bytes' })
  }
  const core = await import('@tsgi/core')
  if (implementation === 'compose-10') return core.compose(...Array.from({ length: 10 }, () => passThrough))(app)
  if (implementation.startsWith('transform-')) {
    if (typeof core.transform !== 'function') throw new Error('@tsgi/core has no transform() yet')
    if (implementation === 'transform-start-1') return core.transform(app, { start: () => undefined })
    const layer = (inner) => core.transform(inner, { chunk: (chunk) => chunk })
    const depth = Number(implementation.slice('transform-'.length))
    return core.compose(...Array.from({ length: depth }, () => layer))(app)
  }
  throw new Error(`unknown implementation ${implementation}`)
}

guard(async () => timeSyncApp(await build(), makeEnviron('/'), Number(budget)))
