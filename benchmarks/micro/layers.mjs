// Layer-cost cell: `node layers.mjs <implementation> call <budgetMs>`. The hello app of
// sync-app.mjs called in process, bare or under core's layering machinery:
//  - compose-10: compose() of ten pass-through middleware;
//  - transform-start-1: one transform() layer with a start hook that keeps the status;
//  - transform-1 / transform-10: one or ten transform() layers with an identity chunk hook.
import { guard } from './cell.mjs'
import { makeEnviron } from './environ.mjs'
import { helloApp, timeSyncApp } from './sync-app.mjs'

const [implementation, , budget] = process.argv.slice(2)
const passThrough = (inner) => (environ, startResponse) => inner(environ, startResponse)

async function build() {
  if (implementation === 'bare') return helloApp
  const core = await import('@tsgi/core')
  if (implementation === 'compose-10') return core.compose(...Array.from({ length: 10 }, () => passThrough))(helloApp)
  if (implementation === 'transform-start-1') return core.transform(helloApp, { start: () => undefined })
  if (implementation.startsWith('transform-')) {
    const layer = (inner) => core.transform(inner, { chunk: (chunk) => chunk })
    const depth = Number(implementation.slice('transform-'.length))
    return core.compose(...Array.from({ length: depth }, () => layer))(helloApp)
  }
  throw new Error(`unknown implementation ${implementation}`)
}

guard(async () => timeSyncApp(await build(), makeEnviron('/'), Number(budget)))
