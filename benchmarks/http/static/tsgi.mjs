// @tsgi/static's serveStatic on @tsgi/node, with its defaults (ETag, Last-Modified, ranges).
import { serve } from '@tsgi/node'
import { serveStatic } from '@tsgi/static'
import { host, ready } from '../../lib/ready.mjs'
import { ensureFiles, root } from './files.mjs'

ensureFiles()
const server = await serve(serveStatic(root), { port: 0, host })
ready(server.port)
