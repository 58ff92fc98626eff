// fastify 5 in its http2 mode (cleartext h2c), as its docs show it.
import Fastify from 'fastify'
import { host, ready } from '../../lib/ready.mjs'

const app = Fastify({ logger: false, http2: true })
app.get('/', (_request, reply) => {
  reply.type('text/plain').send('Hello, world!')
})
await app.listen({ port: 0, host })
ready(app.server.address().port)
