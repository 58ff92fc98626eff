// fastify 5 with @fastify/compress (its defaults: gzip level 6, br quality 4, threshold 1024):
// the JSON as a Buffer, the text as a Readable over the chunks.
import { Readable } from 'node:stream'
import fastifyCompress from '@fastify/compress'
import Fastify from 'fastify'
import { host, ready } from '../../lib/ready.mjs'
import { JSON_BODY, textChunks } from './payload.mjs'

const chunks = textChunks()
const app = Fastify({ logger: false })
await app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip', 'deflate'] })
app.get('/json', (_request, reply) => {
  reply.type('application/json').send(JSON_BODY)
})
app.get('/text', (_request, reply) => {
  reply.type('text/plain; charset=utf-8').send(Readable.from(chunks, { objectMode: false }))
})
await app.listen({ port: 0, host })
ready(app.server.address().port)
