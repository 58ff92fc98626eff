// Hono 4 with its compress() on @hono/node-server. It has gzip and deflate only (it compresses
// with CompressionStream), so it takes part in the gzip scenarios.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { host, ready } from '../../lib/ready.mjs'
import { JSON_BODY, textChunks } from './payload.mjs'

const chunks = textChunks()
const app = new Hono()
app.use(compress())
app.get('/json', (c) => c.body(JSON_BODY, 200, { 'content-type': 'application/json' }))
app.get('/text', (c) => {
  let sent = 0
  const stream = new ReadableStream({
    pull(controller) {
      if (sent < chunks.length) controller.enqueue(chunks[sent++])
      else controller.close()
    },
  })
  return c.body(stream, 200, { 'content-type': 'text/plain; charset=utf-8' })
})
serve({ fetch: app.fetch, port: 0, hostname: host }, (info) => ready(info.port))
