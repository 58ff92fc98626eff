// The demo's apps: each route is one tsgi app, listed on the index page. This is where the demo
// grows: the tutorial's pieces (hello_world with ?subject=, a class handler, the router, the
// exception middleware) are added here as @tsgi/router, @tsgi/query and @tsgi/exceptions land.
// Plain JavaScript on purpose: `pnpm demo` runs it on Node 20 with no TypeScript at run time.
import { HTTPError } from '@tsgi/core'
import { queryOf } from '@tsgi/query'

const encoder = new TextEncoder()

/**
 * The tutorial's hello_world: `?subject=` says whom to greet (parsed once per request by
 * @tsgi/query; a malformed or oversized query is a 400 that the exception middleware renders).
 * @type {import('@tsgi/core').App}
 */
export function helloWorld(environ, startResponse) {
  const subject = queryOf(environ).subject?.[0] ?? 'World'
  startResponse('200 OK', [['content-type', 'text/plain; charset=utf-8']])
  return [encoder.encode(`Hello ${subject}!\n`)]
}

/**
 * The tutorial's class handler: where Python gives a class `__call__`, a tsgi app is a method
 * kept as an arrow property, so it can be passed around without losing `this` (spec §1.1).
 */
export class Greeter {
  /** @param {string} greeting */
  constructor(greeting) {
    this.greeting = greeting
    this.count = 0
  }

  /** @type {import('@tsgi/core').App} */
  app = (_environ, startResponse) => {
    this.count++
    startResponse('200 OK', [['content-type', 'text/plain; charset=utf-8']])
    return [encoder.encode(`${this.greeting} (visit number ${this.count} since the server started)\n`)]
  }
}

/**
 * Fails on purpose, to show the exception middleware: `?kind=http` throws an exposed HTTPError
 * (its message is shown), anything else a plain Error (a bare 500; details only in the log).
 * @type {import('@tsgi/core').App}
 */
export function failing(environ) {
  if (queryOf(environ).kind?.[0] === 'http') throw new HTTPError(418, 'I am a teapot, on purpose')
  throw new Error('Something broke on purpose (this text stays in the server log)')
}

/**
 * The blog's environ echo: every environ key the server built for this request, in order, with
 * the request body's size when there is one.
 * @type {import('@tsgi/core').App}
 */
export async function environEcho(environ, startResponse) {
  let bodyBytes = 0
  for await (const chunk of environ['tsgi.input']) bodyBytes += chunk.byteLength
  const lines = Object.entries(environ).map(([key, value]) => `${key}: ${show(key, value)}`)
  if (bodyBytes > 0) lines.push('', `(read ${bodyBytes} bytes from tsgi.input)`)
  startResponse('200 OK', [['content-type', 'text/plain; charset=utf-8']])
  return [encoder.encode(`${lines.join('\n')}\n`)]
}

function show(key, value) {
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value)) return JSON.stringify(value)
  if (key === 'tsgi.abort') return `{ aborted: ${value.aborted} }`
  if (typeof value === 'object' && value !== null) return `<${value.constructor?.name ?? 'object'}>`
  return String(value)
}

/**
 * The routes the index page lists: `path` (matched exactly), a `title`, a one-line `description`,
 * an `example` link, and the `app`.
 * @type {Array<{ path: string, title: string, description: string, example: string, app: import('@tsgi/core').App }>}
 */
export const routes = [
  {
    path: '/environ',
    title: 'Environ echo',
    description: 'The environ the server built for this request (try a query string, headers or a POST body).',
    example: '/environ?x=1&y=%20two',
    app: environEcho,
  },
  {
    path: '/hello',
    title: 'Hello world',
    description: "The tutorial's hello_world; ?subject= says whom to greet.",
    example: '/hello?subject=tsgi',
    app: helloWorld,
  },
  {
    path: '/class',
    title: 'Class handler',
    description: 'An app that is a method of an object, counting its visits.',
    example: '/class',
    app: new Greeter('Hello from a class').app,
  },
  {
    path: '/error',
    title: 'Exception middleware',
    description: 'An app that throws; exceptionMiddleware renders the error page (?kind=http for an HTTPError).',
    example: '/error?kind=http',
    app: failing,
  },
]
