import { type ToFetchHandlerOptions, toFetchHandler } from '@tsgi/fetch'
import { CASES } from './cases.js'

type FetchHandler = (request: Request, ...context: unknown[]) => Promise<Response>

/**
 * Serves every entry of the portable table under `/<name>`; a request's `x-run` header names the
 * list its server-side observations go to, and `GET /__observed/<run>` answers that list as JSON.
 */
export function portableHandler(remoteAddress?: ToFetchHandlerOptions['remoteAddress']): FetchHandler {
  const observed = new Map<string, string[]>()
  return async function portable(request, ...context) {
    const [, name = '', run = ''] = new URL(request.url).pathname.split('/')
    if (name === '__observed') return Response.json(observed.get(run) ?? [])
    const entry = CASES[name]
    if (entry === undefined) return new Response(`no case ${name}\n`, { status: 404 })
    const events = observed.get(request.headers.get('x-run') ?? '') ?? []
    observed.set(request.headers.get('x-run') ?? '', events)
    const observe = (event: string) => events.push(event)
    const handler = toFetchHandler(entry.app(observe), {
      scriptName: `/${name}`,
      errors: { write: (text) => observe(`log ${text}`) },
      ...(entry.maxBodySize === undefined ? {} : { maxBodySize: entry.maxBodySize }),
      ...(remoteAddress === undefined ? {} : { remoteAddress }),
    })
    return handler(request, ...context)
  }
}

// Bun's and Deno's own types declare these; described here so the file type-checks under Node.
interface Runtimes {
  Bun?: {
    serve(options: { port: number; hostname: string; fetch: FetchHandler }): { port: number }
  }
  Deno?: {
    serve(
      options: { port: number; hostname: string; onListen(address: { port: number }): void },
      handler: FetchHandler,
    ): unknown
  }
}
const { Bun, Deno } = globalThis as Runtimes

// Under Bun or Deno this module is the server; it prints its port for the runner. workerd loads
// its default export instead (a Workers-style module).
if (Bun !== undefined) {
  const requestIP = (request: Request, server: unknown) =>
    (server as { requestIP(request: Request): { address: string; port: number } | null }).requestIP(request) ??
    undefined
  const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: portableHandler(requestIP) })
  console.log(`listening ${server.port}`)
} else if (Deno !== undefined) {
  const remoteAddr = (_request: Request, info: unknown) => {
    const { hostname, port } = (info as { remoteAddr: { hostname: string; port: number } }).remoteAddr
    return { address: hostname, port }
  }
  Deno.serve(
    { port: 0, hostname: '127.0.0.1', onListen: ({ port }) => console.log(`listening ${port}`) },
    portableHandler(remoteAddr),
  )
}

export default { fetch: portableHandler() }
