// fastify 5: trustProxy, its logger (pino) as the access log, setErrorHandler, @fastify/cors,
// @fastify/helmet, @fastify/compress and @fastify/secure-session (a sealed cookie, libsodium).

import { createHash } from 'node:crypto'
import fastifyCompress from '@fastify/compress'
import fastifyCors from '@fastify/cors'
import fastifyHelmet from '@fastify/helmet'
import fastifySecureSession from '@fastify/secure-session'
import Fastify from 'fastify'
import { host, ready } from '../../lib/ready.mjs'
import { answer, COOKIE, LOGIN_VISITS, logSink, ORIGIN, patterns, SECRET, target } from './app.mjs'

const app = Fastify({ trustProxy: '127.0.0.1', logger: { stream: logSink } })
app.setErrorHandler((_error, _request, reply) => {
  reply.code(500).type('text/plain').send('Internal Server Error')
})
await app.register(fastifyCors, { origin: [ORIGIN], credentials: true })
await app.register(fastifyHelmet)
await app.register(fastifyCompress, { global: true, encodings: ['gzip'] })
await app.register(fastifySecureSession, {
  // secretbox wants a 32-byte key: the same secret, hashed to that size.
  key: createHash('sha256').update(SECRET).digest(),
  cookieName: COOKIE,
  cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: true, maxAge: 14 * 24 * 60 * 60 },
})
for (const pattern of patterns) {
  if (pattern === target) {
    app.get(pattern, (request, reply) => {
      const visits = request.session.get('visits') + 1
      request.session.set('visits', visits)
      const { fields, page } = request.query
      reply.send(answer({ id: request.params.id, fields, page, visits, client: request.ip, scheme: request.protocol }))
    })
  } else if (pattern === '/login') {
    app.get(pattern, (request, reply) => {
      request.session.set('visits', LOGIN_VISITS)
      reply.type('text/plain').send('ok')
    })
  } else {
    app.get(pattern, (_request, reply) => {
      reply.send({ route: pattern })
    })
  }
}
await app.listen({ port: 0, host })
ready(app.server.address().port)
