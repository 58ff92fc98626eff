// `node dist/server.js`: serves the environ echo on 127.0.0.1:8000 (or $PORT), the blog post's
// server side, done by @tsgi/node in wsgiref's shape. Ctrl-C stops it gracefully.
import { makeServer } from '@tsgi/node'
import { application } from './app.js'

const port = Number(process.env.PORT ?? 8000)
const httpd = makeServer('127.0.0.1', port, application)
console.log(`Serving the environ on http://127.0.0.1:${port}/ (Ctrl-C to stop)`)
await httpd.serveForever()
