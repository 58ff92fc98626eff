// `node dist/server.js`, the tutorial's __main__ block:
//     srv = make_server('localhost', 8080, Hello())
//     srv.serve_forever()
// Listens on 127.0.0.1:8000 (or $PORT); Ctrl-C stops it gracefully.
import { makeServer } from '@tsgi/node'
import { hello } from './app.js'

const port = Number(process.env.PORT ?? 8000)
const srv = makeServer('127.0.0.1', port, hello)
console.log(`Serving Hello on http://127.0.0.1:${port}/?subject=Ada (Ctrl-C to stop)`)
await srv.serveForever()
