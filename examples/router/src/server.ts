// `node dist/server.js`: serves the routed app on 127.0.0.1:8000 (or $PORT), the regex tutorial
// version under /tutorial. Ctrl-C stops it gracefully.
import { serve } from '@tsgi/node'
import { app } from './app.js'

const server = await serve(app, { port: Number(process.env.PORT ?? 8000), signals: true })
console.log(`Routing on ${server.url}/ (try /hello/you, /goodbye, /tutorial/hello; Ctrl-C to stop)`)
