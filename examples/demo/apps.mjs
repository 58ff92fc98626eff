// The demo's apps: each route is one tsgi app, listed on the index page. This is where the demo
// grows: the tutorial's pieces (hello_world with ?subject=, a class handler, the router, the
// exception middleware) are added here as @tsgi/router, @tsgi/query and @tsgi/exceptions land.
// Plain JavaScript on purpose: `pnpm demo` runs it on Node 20 with no TypeScript at run time.

const encoder = new TextEncoder()

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
]
