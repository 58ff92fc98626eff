// The demo as one tsgi app: an index page at `/` listing the routes of apps.mjs, each route's
// app at its path, and 404 for anything else, all inside the exception middleware. Importable
// without side effects (server.mjs serves it). The exact-path dispatch below gives way to
// @tsgi/router when it lands.
import { NotFound } from '@tsgi/core'
import { exceptionMiddleware } from '@tsgi/exceptions'
import { routes } from './apps.mjs'

const encoder = new TextEncoder()

/** @param {string} text */
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

const index = encoder.encode(`<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>tsgi demo</title>
<h1>tsgi demo</h1>
<p>Each link below is a tsgi app served by <code>@tsgi/node</code>.</p>
<ul>
${routes
  .map(
    (route) =>
      `  <li><a href="${escapeHtml(route.example)}">${escapeHtml(route.title)}</a> <code>${escapeHtml(route.path)}</code>: ${escapeHtml(route.description)}</li>`,
  )
  .join('\n')}
</ul>
</html>
`)

const byPath = new Map(routes.map((route) => [route.path, route.app]))

/** @type {import('@tsgi/core').App} */
function dispatch(environ, startResponse) {
  if (environ.PATH_INFO === '/') {
    startResponse('200 OK', [['content-type', 'text/html; charset=utf-8']])
    return [index]
  }
  const app = byPath.get(environ.PATH_INFO)
  if (app === undefined) throw new NotFound('Nothing here; the index is at /')
  return app(environ, startResponse)
}

/** The demo: the dispatcher inside the exception middleware (`TSGI_DEBUG=1` shows stacks). */
export const demo = exceptionMiddleware(dispatch, { debug: process.env.TSGI_DEBUG === '1' })
