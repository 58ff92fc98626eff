// `node dist/server.js` (production pages) or `DEBUG=1 node dist/server.js` (debug pages), on
// 127.0.0.1:8000 or $PORT. Stacks are written to stderr either way. Ctrl-C stops it gracefully.
import { serve } from '@tsgi/node'
import { app, debugApp } from './app.js'

const debug = process.env.DEBUG === '1'
const server = await serve(debug ? debugApp : app, { port: Number(process.env.PORT ?? 8000), signals: true })
console.log(`${debug ? 'Debug' : 'Production'} error pages on ${server.url}/ (Ctrl-C to stop)`)
