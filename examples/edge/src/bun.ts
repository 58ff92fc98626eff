// The Bun server: `bun src/bun.ts`. Listens on $PORT (default 8000) on 127.0.0.1, or $HOST.
import { toFetchHandler } from '@tsgi/fetch'
import { app } from './app.js'

// Bun's own types declare these; described here so the repository type-checks under Node.
interface BunServer {
  readonly port: number
  requestIP(request: Request): { address: string; port: number } | null
}
declare const Bun: {
  env: Record<string, string | undefined>
  serve(options: {
    port: number
    hostname: string
    fetch: (request: Request, server: BunServer) => Promise<Response>
  }): BunServer
}

const server = Bun.serve({
  port: Number(Bun.env.PORT ?? 8000),
  hostname: Bun.env.HOST ?? '127.0.0.1',
  fetch: toFetchHandler(app, {
    remoteAddress: (request, server) => (server as BunServer).requestIP(request) ?? undefined,
  }),
})
console.log(`listening ${server.port}`)
