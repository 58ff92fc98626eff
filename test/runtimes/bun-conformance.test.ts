import { toFetchHandler } from '@tsgi/fetch'
import { conformance } from '../conformance/index.js'
import { FETCH_BRIDGE_LIMITS } from './fetch-bridge-limits.js'

// Bun's own types declare these; the repository type-checks under Node, so they are described here.
interface BunServer {
  readonly port: number
  requestIP(request: Request): { address: string; port: number } | null
  stop(closeActiveConnections?: boolean): Promise<void>
}
interface BunGlobal {
  serve(options: {
    port: number
    hostname: string
    fetch: (request: Request, server: BunServer) => Promise<Response>
  }): BunServer
}

// Runs only under `bun vitest` (test/runtimes/run.mjs): the suite against Bun.serve().
const bun = (globalThis as { Bun?: BunGlobal }).Bun
if (bun === undefined) throw new Error('bun-conformance.test.ts runs under Bun: use `pnpm test:runtimes`')

conformance(
  `@tsgi/fetch toFetchHandler() on Bun.serve() (Bun ${(process.versions as { bun?: string }).bun})`,
  async (app, options) => {
    const fetch = toFetchHandler(app, {
      ...options,
      remoteAddress: (request, server) => (server as BunServer).requestIP(request) ?? undefined,
    })
    const server = bun.serve({ port: 0, hostname: '127.0.0.1', fetch })
    return { url: `http://127.0.0.1:${server.port}`, close: () => server.stop(true) }
  },
  {
    ...FETCH_BRIDGE_LIMITS,
    'expect-continue': 'Bun.serve answers Expect: 100-continue itself, before the fetch handler runs',
    'reason-phrase': 'Bun.serve sends its own reason phrase, not Response.statusText',
    'header-count-limit': 'Bun.serve counts header fields itself (its own limit, its own answer)',
    'transfer-codings': 'Bun.serve decodes the request body and answers other codings itself',
    'request-parsing': 'Bun.serve parses the request head itself: it accepts bare LF and answers 505 to a bad version',
    'response-framing':
      'Bun.serve buffers a stream that ends before its head is written, sends its own Content-Length, and sends nothing when such a stream fails',
  },
)
