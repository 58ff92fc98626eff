// Per-layer price of the packages the realistic stacks use: `node middleware.mjs <implementation>
// call <budgetMs>`. The hello app of sync-app.mjs, bare or with one layer, on the request that
// layer typically sees:
//  - router: router() over the 20 routes of the `stack` scenario, GET /users/42 (lookup + environ copy);
//  - exceptions: exceptionMiddleware() around an app that does not throw;
//  - query: the app reads queryOf() of the `stack` query string (parsed once per request);
//  - cookies: the app reads cookiesOf() of a three-cookie header;
//  - session-unused / session-read / session-write: session() with a sealed cookie the app does
//    not load, loads, or loads and changes (a new sealed Set-Cookie): WebCrypto, so async;
//  - conditional: conditional() from @tsgi/static, an ETag computed over the body, no validator sent;
//  - compress-small: compress() with Accept-Encoding: gzip and the 13-byte body (under the threshold);
//  - compress-gzip: the same with the production stack's ~1.4 KiB JSON, gzip-compressed.
import { gunzipSync } from 'node:zlib'
import { guard } from './cell.mjs'
import { makeEnviron } from './environ.mjs'
import { helloApp, timeSyncApp } from './sync-app.mjs'

const [implementation, , budget] = process.argv.slice(2)
const SECRET = 'a benchmark secret of at least thirty-two bytes'
const QUERY = 'fields=name%2Cemail&page=2&sort=desc'
const COOKIES = 'theme=dark; lang=en-GB; csrf=6f1c2e9a8b7d4c3e2f1a0b9c8d7e6f5a'

/** An app that uses the session as the production stack does: reads a counter, maybe writes it. */
function sessionApp(sessionOf, write) {
  return async (environ, startResponse) => {
    const current = await sessionOf(environ)
    const visits = current.get('visits') ?? 0
    if (write) current.set('visits', visits + 1)
    return helloApp(environ, startResponse)
  }
}

async function sessionCell(mode) {
  const { session, sessionOf } = await import('@tsgi/session')
  const { cookieSealer } = await import('@tsgi/cookies')
  const inner = mode === 'unused' ? helloApp : sessionApp(sessionOf, mode === 'write')
  const app = session(inner, { secret: SECRET })
  // The cookie a previous response set: the session sealed as session() seals it.
  const sealed = await cookieSealer(SECRET).seal('session', JSON.stringify({ visits: 41 }))
  const environ = { ...makeEnviron('/'), HTTP_COOKIE: `session=${sealed}; ${COOKIES}` }
  // A write must show as a Set-Cookie header, anything else must not.
  const decode = (bytes, headers) => {
    const written = headers.some(([name]) => name.toLowerCase() === 'set-cookie')
    return written === (mode === 'write') ? bytes.toString() : `Set-Cookie ${written ? 'sent' : 'missing'}`
  }
  return { app, environ, decode }
}

async function build() {
  switch (implementation) {
    case 'bare':
      return { app: helloApp, environ: makeEnviron('/users/42', QUERY) }
    case 'router': {
      const { router } = await import('@tsgi/router')
      const { patterns, target } = await import('../http/stack/routes.mjs')
      const app = router(patterns.map((pattern) => [pattern, pattern === target ? helloApp : () => []]))
      return { app, environ: makeEnviron('/users/42', QUERY) }
    }
    case 'exceptions': {
      const { exceptionMiddleware } = await import('@tsgi/exceptions')
      return { app: exceptionMiddleware(helloApp), environ: makeEnviron('/users/42', QUERY) }
    }
    case 'query': {
      const { queryOf } = await import('@tsgi/query')
      const app = (environ, startResponse) => {
        if (queryOf(environ).page?.[0] !== '2') throw new Error('query not parsed')
        return helloApp(environ, startResponse)
      }
      return { app, environ: makeEnviron('/users/42', QUERY) }
    }
    case 'cookies': {
      const { cookiesOf } = await import('@tsgi/cookies')
      const app = (environ, startResponse) => {
        if (cookiesOf(environ).theme !== 'dark') throw new Error('cookies not parsed')
        return helloApp(environ, startResponse)
      }
      return { app, environ: { ...makeEnviron('/'), HTTP_COOKIE: COOKIES } }
    }
    case 'session-unused':
    case 'session-read':
    case 'session-write':
      return sessionCell(implementation.slice('session-'.length))
    case 'conditional': {
      const { conditional } = await import('@tsgi/static')
      return { app: conditional(helloApp), environ: makeEnviron('/') }
    }
    case 'compress-small':
    case 'compress-gzip': {
      const { compress } = await import('@tsgi/compress')
      const { expected } = await import('../http/production/app.mjs')
      const json = new TextEncoder().encode(expected)
      const jsonHeaders = [['content-type', 'application/json']]
      const inner = (_environ, startResponse) => {
        startResponse('200 OK', jsonHeaders)
        return [json]
      }
      const big = implementation === 'compress-gzip'
      const encoded = (headers) => headers.some(([name, value]) => name === 'content-encoding' && value === 'gzip')
      // The JSON must come back gzip'd and whole, the small body as it was.
      const decode = (bytes, headers) =>
        big ? (encoded(headers) ? gunzipSync(bytes).toString() : 'not gzip') : bytes.toString()
      const environ = { ...makeEnviron('/'), HTTP_ACCEPT_ENCODING: 'gzip' }
      return {
        app: compress(big ? inner : helloApp),
        environ,
        decode,
        expected: big ? `200 OK ${expected}` : undefined,
      }
    }
    default:
      throw new Error(`unknown implementation ${implementation}`)
  }
}

guard(async () => {
  const { app, environ, decode, expected } = await build()
  await timeSyncApp(app, environ, Number(budget), { decode, expected })
})
