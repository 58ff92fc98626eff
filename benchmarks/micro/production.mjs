// Production-layer cell: `node production.mjs <implementation> call <budgetMs>`. The hello app of
// sync-app.mjs, called in process as a request that came through one proxy on 127.0.0.1, bare or
// under one of the production layers:
//  - proxy-fix: proxyFix() trusting the peer, rewriting REMOTE_ADDR and the scheme (one environ copy);
//  - environ-copy: what any copying layer pays, `{ ...environ, key }`, for comparison with proxy-fix;
//  - access-log: accessLog() formatting a Common Log Format line to a no-op writer;
//  - request-id: requestId() making a UUID; server-timing: serverTiming();
//  - health: health() passing a non-probe request to the app.
import { guard } from './cell.mjs'
import { makeEnviron } from './environ.mjs'
import { helloApp as app, timeSyncApp } from './sync-app.mjs'

const [implementation, , budget] = process.argv.slice(2)

async function build() {
  if (implementation === 'bare') return app
  if (implementation === 'environ-copy') return (environ, startResponse) => app({ ...environ, 'x.y': 1 }, startResponse)
  if (implementation === 'proxy-fix') return (await import('@tsgi/proxy-fix')).proxyFix(app)
  if (implementation === 'access-log') return (await import('@tsgi/access-log')).accessLog(app, { write: () => {} })
  if (implementation === 'request-id') return (await import('@tsgi/request-id')).requestId(app)
  if (implementation === 'server-timing') return (await import('@tsgi/request-id')).serverTiming(app)
  if (implementation === 'health') return (await import('@tsgi/health')).health(app)
  throw new Error(`unknown implementation ${implementation}`)
}

guard(async () => {
  const environ = { ...makeEnviron('/'), HTTP_X_FORWARDED_FOR: '203.0.113.7', HTTP_X_FORWARDED_PROTO: 'https' }
  await timeSyncApp(await build(), environ, Number(budget))
})
