/**
 * The board, ready to mount: `app` opens its database on the first request (importing this module
 * starts nothing), from the environment: `SHOWCASE_DATA_DIR` (a folder; unset: in memory, gone
 * when the process ends) and `SHOWCASE_SECRETS` (comma-separated, at least 32 bytes each; unset: a
 * random one per process). `examples/demo` mounts it at `/showcase`; `src/server.ts` serves it alone.
 */
import type { App } from '@tsgi/core'
import { openDatabase } from './database.js'
import { showcase } from './showcase.js'

export { openDatabase } from './database.js'
export { type ShowcaseOptions, showcase } from './showcase.js'

/**
 * An app made by `create()` on its first request; until it is ready, requests wait for it. A
 * failure to create it fails those requests (a 500 with the reason in `tsgi.errors`) and the next
 * request tries again.
 */
export function lazyApp(create: () => Promise<App>): App {
  let ready: Promise<App> | undefined
  return function lazy(environ, startResponse) {
    ready ??= create().catch((error: unknown) => {
      ready = undefined
      throw error
    })
    return ready.then((app) => app(environ, startResponse))
  }
}

const board: App = lazyApp(async () =>
  showcase({
    db: await openDatabase(process.env.SHOWCASE_DATA_DIR || undefined),
    ...(process.env.SHOWCASE_SECRETS ? { secrets: process.env.SHOWCASE_SECRETS.split(',') } : {}),
    log: false,
    debug: process.env.TSGI_DEBUG === '1',
  }),
)

/**
 * The board with the settings of the environment, for `tsgi serve` and the demo (which log
 * requests themselves). It refuses to run in several processes (`tsgi.multiprocess`, as
 * `tsgi serve --workers 2` sets it): PGlite is embedded, so each process would have its own
 * database in memory, and two processes opening one data folder would corrupt it.
 */
export const app: App = function showcaseApp(environ, startResponse) {
  if (environ['tsgi.multiprocess']) {
    throw new Error('The showcase keeps its database (PGlite) in its process: serve it with one worker')
  }
  return board(environ, startResponse)
}
