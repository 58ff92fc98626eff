/**
 * One app for every edge runtime: it touches only the environ and bytes (no `node:` module), so
 * the same code runs on Workers, Deno and Bun through `@tsgi/fetch`. Each entry next to it
 * (`worker.ts`, `deno.ts`, `bun.ts`) is the few lines its platform needs.
 */
import { type App, compose, HTTPError, readBody } from '@tsgi/core'
import { exceptionMiddleware } from '@tsgi/exceptions'
import { router, routingArgs } from '@tsgi/router'

const encoder = new TextEncoder()

/** GET / → which runtime answered, and from how many copies (`tsgi.multiprocess`). */
const home: App = (environ, startResponse) => {
  const copies = environ['tsgi.multiprocess'] ? 'one of many copies' : 'a single process'
  startResponse('200 OK', [['content-type', 'text/plain; charset=utf-8']])
  return [encoder.encode(`Hello from ${runtimeName()}, ${copies}; you are ${environ.REMOTE_ADDR || 'unknown'}\n`)]
}

/** POST /echo → the request body back, read with a limit (a longer body is a 413). */
const echo: App = async (environ, startResponse) => {
  const body = await readBody(environ, { limit: 64 * 1024 })
  startResponse('200 OK', [['content-type', environ.CONTENT_TYPE || 'application/octet-stream']])
  return [body]
}

/** GET /count/:n → `n` lines streamed one by one, so a slow client never holds them all in memory. */
const count: App = (environ, startResponse) => {
  const total = Number(routingArgs(environ)[1].n)
  if (!Number.isInteger(total) || total < 0 || total > 1000) throw new HTTPError(400, 'n must be 0 to 1000')
  startResponse('200 OK', [['content-type', 'text/plain; charset=utf-8']])
  return (function* () {
    for (let line = 1; line <= total; line++) yield encoder.encode(`${line}\n`)
  })()
}

export const app: App = compose((inner) => exceptionMiddleware(inner))(
  router([
    ['/', home, ['GET']],
    ['/echo', echo, ['POST']],
    ['/count/:n', count, ['GET']],
  ]),
)

/** The runtime's name, from the globals each one defines. */
function runtimeName(): string {
  const scope = globalThis as { Bun?: unknown; Deno?: unknown; navigator?: { userAgent?: string } }
  if (scope.Bun !== undefined) return 'Bun'
  if (scope.Deno !== undefined) return 'Deno'
  if (scope.navigator?.userAgent === 'Cloudflare-Workers') return 'Cloudflare Workers'
  return 'Node'
}
