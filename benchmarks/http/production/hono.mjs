// Hono 4 on @hono/node-server: its logger as the access log, app.onError, cors(), secureHeaders(),
// compress() and the signed cookie helpers (HMAC-SHA256 through WebCrypto). Hono has no
// proxy-trust setting: a small middleware believes X-Forwarded-For/-Proto from 127.0.0.1 only.
import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { getSignedCookie, setSignedCookie } from 'hono/cookie'
import { cors } from 'hono/cors'
import { logger } from 'hono/logger'
import { secureHeaders } from 'hono/secure-headers'
import { host, ready } from '../../lib/ready.mjs'
import { answer, COOKIE, LOGIN_VISITS, logSink, ORIGIN, patterns, SECRET, target } from './app.mjs'

const cookieOptions = { path: '/', httpOnly: true, sameSite: 'Lax', secure: true, maxAge: 14 * 24 * 60 * 60 }

function trustProxy(c, next) {
  const peer = getConnInfo(c).remote.address
  const trusted = peer === '127.0.0.1' || peer === '::ffff:127.0.0.1'
  c.set('client', (trusted && c.req.header('x-forwarded-for')?.split(',').pop()?.trim()) || peer)
  c.set('scheme', (trusted && c.req.header('x-forwarded-proto')) || 'http')
  return next()
}

const app = new Hono()
app.onError((_error, c) => c.text('Internal Server Error', 500))
app.use(trustProxy)
app.use(logger((line) => logSink.write(`${line}\n`)))
app.use(cors({ origin: [ORIGIN], credentials: true }))
app.use(secureHeaders())
app.use(compress({ encoding: 'gzip' }))
for (const pattern of patterns) {
  if (pattern === target) {
    app.get(pattern, async (c) => {
      const stored = await getSignedCookie(c, SECRET, COOKIE)
      const visits = (stored ? JSON.parse(stored).visits : 0) + 1
      await setSignedCookie(c, COOKIE, JSON.stringify({ visits }), SECRET, cookieOptions)
      const [fields, page] = [c.req.query('fields'), c.req.query('page')]
      return c.json(
        answer({ id: c.req.param('id'), fields, page, visits, client: c.get('client'), scheme: c.get('scheme') }),
      )
    })
  } else if (pattern === '/login') {
    app.get(pattern, async (c) => {
      await setSignedCookie(c, COOKIE, JSON.stringify({ visits: LOGIN_VISITS }), SECRET, cookieOptions)
      return c.text('ok')
    })
  } else {
    app.get(pattern, (c) => c.json({ route: pattern }))
  }
}
serve({ fetch: app.fetch, port: 0, hostname: host }, (info) => ready(info.port))
