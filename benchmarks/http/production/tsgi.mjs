// tsgi: @tsgi/router + proxyFix + accessLog + exceptionMiddleware + cors + secureHeaders +
// compress + session (the sealed cookie) on @tsgi/node, outermost first.
import { accessLog } from '@tsgi/access-log'
import { compress } from '@tsgi/compress'
import { compose } from '@tsgi/core'
import { cors } from '@tsgi/cors'
import { exceptionMiddleware } from '@tsgi/exceptions'
import { serve } from '@tsgi/node'
import { proxyFix } from '@tsgi/proxy-fix'
import { queryOf } from '@tsgi/query'
import { router } from '@tsgi/router'
import { secureHeaders } from '@tsgi/secure-headers'
import { session, sessionOf } from '@tsgi/session'
import { host, ready } from '../../lib/ready.mjs'
import { answer, COOKIE, LOGIN_VISITS, logSink, ORIGIN, patterns, SECRET, target } from './app.mjs'

const encoder = new TextEncoder()
const json = [['content-type', 'application/json']]
const text = [['content-type', 'text/plain']]

const user = async (environ, startResponse) => {
  const { id } = environ['tsgi.routing_args'][1]
  const query = queryOf(environ)
  const current = await sessionOf(environ)
  const visits = current.get('visits') + 1
  current.set('visits', visits)
  const client = environ.REMOTE_ADDR
  const scheme = environ['tsgi.url_scheme']
  startResponse('200 OK', json)
  return [
    encoder.encode(JSON.stringify(answer({ id, fields: query.fields, page: query.page, visits, client, scheme }))),
  ]
}

const login = async (environ, startResponse) => {
  ;(await sessionOf(environ)).set('visits', LOGIN_VISITS)
  startResponse('200 OK', text)
  return [encoder.encode('ok')]
}

const routes = patterns.map((pattern) => {
  if (pattern === target) return [pattern, user]
  if (pattern === '/login') return [pattern, login]
  const body = encoder.encode(JSON.stringify({ route: pattern }))
  return [
    pattern,
    (_environ, startResponse) => {
      startResponse('200 OK', json)
      return [body]
    },
  ]
})

const app = compose(
  proxyFix,
  (inner) => accessLog(inner, { write: (line) => logSink.write(line) }),
  exceptionMiddleware,
  (inner) => cors(inner, { origin: [ORIGIN], credentials: true }),
  secureHeaders,
  compress,
  (inner) => session(inner, { secret: SECRET, cookieName: COOKIE }),
)(router(routes))

const server = await serve(app, { port: 0, host })
ready(server.port)
