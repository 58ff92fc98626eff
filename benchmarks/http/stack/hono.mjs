// Hono 4 on @hono/node-server: its default router, c.req.query() and app.onError.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { host, ready } from '../../lib/ready.mjs'
import { answer, patterns, target } from './routes.mjs'

const app = new Hono()
app.onError((_error, c) => c.text('Internal Server Error', 500))
for (const pattern of patterns) {
  if (pattern === target) {
    app.get(pattern, (c) => c.json(answer(c.req.param('id'), c.req.query('fields'), c.req.query('page'))))
  } else {
    app.get(pattern, (c) => c.json({ route: pattern }))
  }
}
serve({ fetch: app.fetch, port: 0, hostname: host }, (info) => ready(info.port))
