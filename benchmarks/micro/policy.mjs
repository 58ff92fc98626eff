// Request-policy cell: `node policy.mjs <implementation> call <budgetMs>`. The sync hello app
// called in process, bare or under one request-policy middleware with its defaults, on the path
// a typical request takes through it; its body iterated and closed as a server would:
//  - cors: a GET from an allowed origin (a list of one), credentials on;
//  - csrf: a same-origin POST (Sec-Fetch-Site: same-origin);
//  - secure-headers: the five default headers added to the app's one;
//  - secure-headers-nonce: the same plus a Content-Security-Policy with a fresh nonce;
//  - timeout: one timer set and cleared per request;
//  - body-limit: a POST with a declared length within the limit;
//  - method-override: a POST with X-HTTP-Method-Override: PUT (an environ copy).
import { guard } from './cell.mjs'
import { makeEnviron } from './environ.mjs'
import { helloApp as app, timeSyncApp } from './sync-app.mjs'

const [implementation, , budget] = process.argv.slice(2)

const post = (extra) => ({ ...makeEnviron('/'), REQUEST_METHOD: 'POST', ...extra })

async function build() {
  switch (implementation) {
    case 'bare':
      return [app, makeEnviron('/')]
    case 'cors': {
      const { cors } = await import('@tsgi/cors')
      const environ = { ...makeEnviron('/'), HTTP_ORIGIN: 'https://app.example' }
      return [cors(app, { origin: ['https://app.example'], credentials: true }), environ]
    }
    case 'csrf': {
      const { csrf } = await import('@tsgi/csrf')
      return [csrf(app), post({ HTTP_SEC_FETCH_SITE: 'same-origin', HTTP_ORIGIN: 'http://127.0.0.1' })]
    }
    case 'secure-headers':
    case 'secure-headers-nonce': {
      const { NONCE, secureHeaders } = await import('@tsgi/secure-headers')
      const options =
        implementation === 'secure-headers' ? {} : { contentSecurityPolicy: { 'script-src': ["'self'", NONCE] } }
      return [secureHeaders(app, options), makeEnviron('/')]
    }
    case 'timeout': {
      const { timeout } = await import('@tsgi/timeout')
      return [timeout(app, 10_000), makeEnviron('/')]
    }
    case 'body-limit': {
      const { bodyLimit } = await import('@tsgi/body-limit')
      return [bodyLimit(app, 1024), post({ CONTENT_LENGTH: '13' })]
    }
    case 'method-override': {
      const { methodOverride } = await import('@tsgi/method-override')
      return [methodOverride(app), post({ HTTP_X_HTTP_METHOD_OVERRIDE: 'PUT' })]
    }
    default:
      throw new Error(`unknown implementation ${implementation}`)
  }
}

guard(async () => {
  const [built, environ] = await build()
  await timeSyncApp(built, environ, Number(budget))
})
