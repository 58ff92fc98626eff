import { type Environ, type HTTPError, statusLine } from '@tsgi/core'
import { type RenderErrorOptions, type RenderedError, renderError } from '@tsgi/exceptions'
import { html } from './html.js'
import { layout } from './pages.js'

const encoder = new TextEncoder()

/**
 * `exceptionMiddleware`'s `render`: `@tsgi/exceptions`' page (status, headers, JSON or text by
 * `Accept`), but in the board's own layout when the browser asks for HTML. A 4xx shows its message
 * ("No such file"); a 5xx its status text only, the rest being in `tsgi.errors`.
 */
export function renderErrorPage(error: HTTPError, environ: Environ, options: RenderErrorOptions): RenderedError {
  const page = renderError(error, environ, options)
  const type = page.headers.find(([name]) => name === 'content-type')?.[1] ?? ''
  if (options.debug || !type.startsWith('text/html')) return page
  const title = statusLine(error.status).slice(4)
  const base = environ.SCRIPT_NAME
  const main = html`<p class="error">${error.expose ? error.message : title}</p>
<p><a href="${base}/">Back to the files</a></p>`
  const body = encoder.encode(layout({ base, nonce: environ['tsgi.csp_nonce'] ?? '', user: null }, title, main).text)
  const headers = page.headers.map(([name, value]): [string, string] =>
    name === 'content-length' ? [name, String(body.length)] : [name, value],
  )
  return { status: page.status, headers, body: [body] }
}
