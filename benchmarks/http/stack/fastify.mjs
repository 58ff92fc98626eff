// fastify 5: its own router (find-my-way), query parser (fast-querystring) and error handler.
import Fastify from 'fastify'
import { host, ready } from '../../lib/ready.mjs'
import { answer, patterns, target } from './routes.mjs'

const app = Fastify({ logger: false })
app.setErrorHandler((_error, _request, reply) => {
  reply.code(500).type('text/plain').send('Internal Server Error')
})
for (const pattern of patterns) {
  if (pattern === target) {
    app.get(pattern, (request, reply) => {
      reply.send(answer(request.params.id, request.query.fields, request.query.page))
    })
  } else {
    app.get(pattern, (_request, reply) => {
      reply.send({ route: pattern })
    })
  }
}
await app.listen({ port: 0, host })
ready(app.server.address().port)
