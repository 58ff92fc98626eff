// fastify 5: a Readable over the chunks out, and the raw request stream in (a content-type
// parser that hands the payload on unread, with the body limit raised above 64 MiB).
import { Readable } from 'node:stream'
import Fastify from 'fastify'
import { host, ready } from '../../lib/ready.mjs'
import { CHUNK_COUNT, makeChunk, TOTAL } from './body.mjs'

const chunk = makeChunk()

function* chunks() {
  for (let index = 0; index < CHUNK_COUNT; index++) yield chunk
}

const app = Fastify({ logger: false, bodyLimit: 2 * TOTAL })
app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload))
app.get('/download', (_request, reply) => {
  reply
    .header('content-type', 'application/octet-stream')
    .header('content-length', TOTAL)
    .send(Readable.from(chunks(), { objectMode: false }))
})
app.post('/upload', async (request, reply) => {
  let bytes = 0
  for await (const data of request.body) bytes += data.length
  reply.type('text/plain').send(String(bytes))
})
await app.listen({ port: 0, host })
ready(app.server.address().port)
