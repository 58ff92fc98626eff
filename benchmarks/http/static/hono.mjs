// Hono 4 with @hono/node-server's serveStatic, with its defaults.
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { host, ready } from '../../lib/ready.mjs'
import { ensureFiles, root } from './files.mjs'

ensureFiles()
const app = new Hono()
app.use('/*', serveStatic({ root }))
serve({ fetch: app.fetch, port: 0, hostname: host }, (info) => ready(info.port))
