// `node dist/server.js`: the board alone on 127.0.0.1:8000 (or $PORT), its access log on stdout.
// SHOWCASE_DATA_DIR keeps the data in a folder (default: in memory). Ctrl-C stops it gracefully:
// the server drains its requests, then the database is closed (its files flushed).
import { serve } from '@tsgi/node'
import { openDatabase } from './database.js'
import { showcase } from './showcase.js'

const db = await openDatabase(process.env.SHOWCASE_DATA_DIR || undefined)
const app = showcase({
  db,
  ...(process.env.SHOWCASE_SECRETS ? { secrets: process.env.SHOWCASE_SECRETS.split(',') } : {}),
})
const server = await serve(app, { port: Number(process.env.PORT ?? 8000) })
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await server.close()
    await db.close()
  })
}
console.log(`tsgi board on ${server.url}/ (Ctrl-C to stop)`)
