// `pnpm demo`: builds the packages, then serves the demo on http://127.0.0.1:8000 (PORT to change).
// Ctrl-C (SIGINT) or SIGTERM closes it gracefully.
import { serve } from '@tsgi/node'
import { demo } from './demo-app.mjs'

const port = Number(process.env.PORT ?? 8000)
const server = await serve(demo, { port, signals: true })
console.log(`tsgi demo on ${server.url}/  (Ctrl-C to stop)`)
