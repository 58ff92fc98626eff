// Hono 4 on @hono/node-server: a web ReadableStream out, the request's web stream in.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { host, ready } from '../../lib/ready.mjs'
import { CHUNK_COUNT, makeChunk, TOTAL } from './body.mjs'

const chunk = makeChunk()
const app = new Hono()
app.get('/download', (c) => {
  let sent = 0
  const stream = new ReadableStream({
    pull(controller) {
      if (sent++ < CHUNK_COUNT) controller.enqueue(chunk)
      else controller.close()
    },
  })
  return c.body(stream, 200, { 'content-type': 'application/octet-stream', 'content-length': String(TOTAL) })
})
app.post('/upload', async (c) => {
  let bytes = 0
  for await (const data of c.req.raw.body) bytes += data.length
  return c.text(String(bytes))
})
serve({ fetch: app.fetch, port: 0, hostname: host }, (info) => ready(info.port))
