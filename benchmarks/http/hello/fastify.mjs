// fastify 5, as its docs show a hello world.
import Fastify from 'fastify'
import { host, ready } from '../../lib/ready.mjs'

const app = Fastify({ logger: false })
app.get('/', (_request, reply) => {
  reply.type('text/plain').send('Hello, world!')
})
await app.listen({ port: 0, host })
ready(app.server.address().port)
