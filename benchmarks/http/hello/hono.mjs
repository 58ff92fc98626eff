// Hono 4 on @hono/node-server.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { host, ready } from '../../lib/ready.mjs'

const app = new Hono()
app.get('/', (c) => c.text('Hello, world!'))
serve({ fetch: app.fetch, port: 0, hostname: host }, (info) => ready(info.port))
