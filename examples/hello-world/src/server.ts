// `node dist/server.js`, the tutorial's `if __name__ == '__main__':` block:
//     srv = make_server('', 8000, hello_world)
//     srv.serve_forever()
// Listens on 127.0.0.1:8000 (or $PORT); Ctrl-C stops it gracefully.
import { makeServer } from '@tsgi/node'
import { helloWorld } from './app.js'

const port = Number(process.env.PORT ?? 8000)
const srv = makeServer('127.0.0.1', port, helloWorld)
console.log(`Serving hello_world on http://127.0.0.1:${port}/?subject=Ada (Ctrl-C to stop)`)
await srv.serveForever()
