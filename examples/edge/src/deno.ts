// The Deno server: `deno run --allow-net --allow-env src/deno.ts` (Deno Deploy runs the same
// file). Listens on $PORT (default 8000) on 127.0.0.1, or $HOST.
import { toFetchHandler } from '@tsgi/fetch'
import { app } from './app.js'

// Deno's own types declare these; described here so the repository type-checks under Node.
interface ServeHandlerInfo {
  remoteAddr: { hostname: string; port: number }
}
declare const Deno: {
  env: { get(name: string): string | undefined }
  serve(
    options: { port: number; hostname: string; onListen(address: { port: number }): void },
    handler: (request: Request, info: ServeHandlerInfo) => Promise<Response>,
  ): unknown
}

const handler = toFetchHandler(app, {
  remoteAddress: (_request, info) => {
    const { hostname, port } = (info as ServeHandlerInfo).remoteAddr
    return { address: hostname, port }
  },
})

Deno.serve(
  {
    port: Number(Deno.env.get('PORT') ?? 8000),
    hostname: Deno.env.get('HOST') ?? '127.0.0.1',
    onListen: ({ port }) => console.log(`listening ${port}`),
  },
  handler,
)
