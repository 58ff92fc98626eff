// `node dist/server.js`: serves the onion on 127.0.0.1:8000 (or $PORT). The layers write what they
// do to tsgi.errors, which @tsgi/node sends to stderr, so watch the terminal while you curl.
import { serve } from '@tsgi/node'
import { app } from './app.js'

const server = await serve(app, { port: Number(process.env.PORT ?? 8000), signals: true })
console.log(`The onion is on ${server.url}/ (try /burnt and /late; Ctrl-C to stop)`)
