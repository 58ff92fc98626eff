// The demo as one tsgi app: every example of examples/ mounted under its own prefix by
// @tsgi/router, an index page at `/`, and the exception middleware around it all. Importable
// without side effects: `pnpm demo` serves it with `tsgi serve` (packages/cli).
// Plain JavaScript on purpose: Node 20 runs it with no TypeScript at run time.

import { fileURLToPath } from 'node:url'
import { exceptionMiddleware } from '@tsgi/exceptions'
import { mount, router } from '@tsgi/router'
import { serveStatic } from '@tsgi/static'
import { hello as classHandler } from '@tsgi-examples/class-handler'
import { application as environEcho } from '@tsgi-examples/environ-echo'
import { debugApp as exceptionsDebug, app as exceptionsProduction } from '@tsgi-examples/exceptions'
import { helloWorld } from '@tsgi-examples/hello-world'
import { app as microFramework } from '@tsgi-examples/micro-framework'
import { app as onion } from '@tsgi-examples/onion'
import { app as routerExample } from '@tsgi-examples/router'
import { loginApp } from './login-app.mjs'
import { app as sse } from './sse.mjs'
import { uploadApp } from './upload-app.mjs'

const encoder = new TextEncoder()

/**
 * The examples, each at its prefix. `try` are links for the index page, relative to the prefix.
 * @type {Array<{ prefix: string, title: string, seed: string, app: import('@tsgi/core').App, try: string[] }>}
 */
export const examples = [
  {
    prefix: '/environ-echo',
    title: 'Environ echo',
    seed: "the blog's client that returns the environ as text",
    app: environEcho,
    try: ['/some/path?x=1'],
  },
  {
    prefix: '/hello-world',
    title: 'hello_world',
    seed: "the tutorial's hello_world, ?subject= read with parseQs",
    app: helloWorld,
    try: ['/', '/?subject=Ada'],
  },
  {
    prefix: '/class-handler',
    title: 'Class handler',
    seed: "the tutorial's WSGIRequestHandler with a get() method, and Hello on top",
    app: classHandler,
    try: ['/?subject=Grace'],
  },
  {
    prefix: '/router',
    title: 'Router',
    seed: "the tutorial's urls list (Index, Hello, Goodbye, not_found), then path patterns and methods",
    app: routerExample,
    try: ['/hello/Ada', '/hello?subject=Grace', '/tutorial/goodbye/', '/nope'],
  },
  {
    prefix: '/exceptions',
    title: 'ExceptionMiddleware (production)',
    seed: "the tutorial's ExceptionMiddleware around an app that fails, without leaking anything",
    app: exceptionsProduction,
    try: ['/divide?a=6&b=0', '/users/7'],
  },
  {
    prefix: '/exceptions-debug',
    title: 'ExceptionMiddleware (debug)',
    seed: 'the same app with debug: true: the stack and the cause chain, escaped',
    app: exceptionsDebug,
    try: ['/divide?a=6&b=0'],
  },
  {
    prefix: '/micro-framework',
    title: 'A micro-framework',
    seed: 'about 170 lines on the packages: request and response objects, typed routes, JSON helpers',
    app: microFramework,
    try: ['/', '/users'],
  },
  {
    prefix: '/onion',
    title: 'The onion',
    seed: 'three middleware layered with compose: order, excInfo and close()',
    app: onion,
    try: ['/', '/burnt'],
  },
  {
    prefix: '/login',
    title: 'Login with a session',
    seed: 'a form login on @tsgi/session: a sealed cookie, regenerate() at login, destroy() at logout',
    app: loginApp,
    try: ['/'],
  },
  {
    prefix: '/sse',
    title: 'Server-sent events, compressed',
    seed: 'an event stream through @tsgi/compress, flushed event by event',
    app: sse,
    try: ['/', '/events?count=2'],
  },
  {
    prefix: '/upload',
    title: 'Forms and uploads',
    seed: 'one form per encoding, read by readForm or readMultipart, files streamed and counted',
    app: uploadApp,
    try: ['/'],
  },
]

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

const page = encoder.encode(`<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>tsgi demo</title>
<link rel="stylesheet" href="/assets/style.css">
<h1>tsgi demo</h1>
<p>Each section is one example of <code>examples/</code>, mounted under its prefix by <code>@tsgi/router</code>
and served by <code>tsgi serve</code> on <code>@tsgi/node</code>.</p>
<ul>
${examples
  .map(
    (example) =>
      `  <li><strong>${escapeHtml(example.title)}</strong> <code>${escapeHtml(example.prefix)}</code>: ${escapeHtml(example.seed)}. Try: ${example.try
        .map((path) => `<a href="${escapeHtml(example.prefix + path)}">${escapeHtml(path)}</a>`)
        .join(', ')}</li>`,
  )
  .join('\n')}
</ul>
</html>
`)

/** @type {import('@tsgi/core').App} */
function index(_environ, startResponse) {
  startResponse('200 OK', [['content-type', 'text/html; charset=utf-8']])
  return [page]
}

/** The demo: the index and every example, inside the exception middleware (`TSGI_DEBUG=1` shows stacks). */
export const demo = exceptionMiddleware(
  router([
    ['/', index],
    // The demo's own assets (public/), cached for an hour and revalidated by ETag.
    [
      '/assets{/*rest}',
      mount('/assets', serveStatic(fileURLToPath(new URL('./public', import.meta.url)), { maxAge: 3600 })),
    ],
    ...examples.map((example) => [`${example.prefix}{/*rest}`, mount(example.prefix, example.app)]),
  ]),
  { debug: process.env.TSGI_DEBUG === '1' },
)
