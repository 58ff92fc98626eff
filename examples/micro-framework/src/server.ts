// `node dist/server.js`: serves the users API on 127.0.0.1:8000 (or $PORT). Ctrl-C stops it gracefully.
import { serve } from '@tsgi/node'
import { app } from './app.js'

const server = await serve(app, { port: Number(process.env.PORT ?? 8000), signals: true })
console.log(`users API on ${server.url}/users (Ctrl-C to stop)`)
