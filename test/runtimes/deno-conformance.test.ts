import { toFetchHandler } from '@tsgi/fetch'
import { conformance } from '../conformance/index.js'
import { FETCH_BRIDGE_LIMITS } from './fetch-bridge-limits.js'

// Deno's own types declare these; the repository type-checks under Node, so they are described here.
interface ServeHandlerInfo {
  remoteAddr: { hostname: string; port: number }
}
interface DenoServer {
  readonly addr: { port: number }
  readonly finished: Promise<void>
  shutdown(): Promise<void>
}
interface DenoGlobal {
  readonly version: { deno: string }
  serve(
    options: { port: number; hostname: string; onListen?: () => void },
    handler: (request: Request, info: ServeHandlerInfo) => Promise<Response>,
  ): DenoServer
}

// Runs only under `deno run npm:vitest` (test/runtimes/run.mjs): the suite against Deno.serve().
const deno = (globalThis as { Deno?: DenoGlobal }).Deno
if (deno === undefined) throw new Error('deno-conformance.test.ts runs under Deno: use `pnpm test:runtimes`')

conformance(
  `@tsgi/fetch toFetchHandler() on Deno.serve() (Deno ${deno.version.deno})`,
  async (app, options) => {
    const handler = toFetchHandler(app, {
      ...options,
      remoteAddress: (_request, info) => {
        const { hostname, port } = (info as ServeHandlerInfo).remoteAddr
        return { address: hostname, port }
      },
    })
    const server = deno.serve({ port: 0, hostname: '127.0.0.1', onListen: () => {} }, handler)
    return { url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() }
  },
  {
    ...FETCH_BRIDGE_LIMITS,
    'expect-continue': 'Deno.serve answers Expect: 100-continue itself, before the fetch handler runs',
    'reason-phrase': 'Deno.serve sends its own reason phrase, not Response.statusText',
    'header-count-limit': 'Deno.serve sets its own header limits and answers past them itself',
    'transfer-codings': 'Deno.serve answers a transfer coding other than chunked itself, with a 400',
    'request-parsing':
      'Deno.serve parses the request head itself: it accepts bare LF, a missing Host and heads over 16 KiB',
    'request-body-errors': 'Deno.serve ends the request body stream without an error when its chunked framing breaks',
  },
)
