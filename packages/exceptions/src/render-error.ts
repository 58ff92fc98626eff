import { type Chunk, type Environ, errorHeaders, type HeaderList, statusLine } from '@tsgi/core'
import { type ErrorMediaType, preferredType } from './_internal/accept.js'
import { errorSummary, errorTrace, requestLine } from './_internal/error-trace.js'
import { escapeHtml } from './_internal/escape-html.js'
import { isWrapper, normalise } from './_internal/normalise.js'

/** Options for {@link renderError}. */
export interface RenderErrorOptions {
  /**
   * Show details meant for the developer: the message of any error, its stack, its `cause`
   * chain and the request line. Never turn it on where clients are untrusted (spec §8.3).
   * @default false
   */
  debug?: boolean
}

/** An error response, ready for `startResponse(status, headers)` and `return body`. */
export interface RenderedError {
  /** The status line, e.g. `'404 Not Found'`. */
  status: string
  /** `content-type`, `content-length`, `cache-control`, `vary`, `x-content-type-options` and the error's own headers. */
  headers: HeaderList
  /** The page, as one chunk. */
  body: Chunk[]
}

const encoder = new TextEncoder()

// Our framing headers win over any the error carries: the page below is what is sent.
const OWN_HEADERS = new Set(['content-type', 'content-length'])

/**
 * Renders an error as a response in the media type the request's `Accept` prefers: JSON
 * (`{ "error": { "status", "message" } }`), a plain HTML page, or plain text (the default).
 * Anything thrown is first normalised with `HTTPError.from`, so its status and headers (`allow`,
 * `www-authenticate`, `retry-after`) are kept. The message is shown only when the error's
 * `expose` is true (4xx by default, after http-errors); otherwise the page holds the status text
 * alone, unless `debug` adds the message, the stack, the `cause` chain and the request line.
 * All text in the HTML page is escaped.
 *
 * The response is marked `cache-control: no-store` (it describes one failure, not the resource)
 * and `vary: accept`. It is a plain object rather than an App, so a framework can send it from
 * its own error handling, log it, or change a header first.
 *
 * @example
 * const page = renderError(new NotFound(`No user ${id}`), environ)
 * startResponse(page.status, page.headers)
 * return page.body
 */
export function renderError(error: unknown, environ: Environ, options: RenderErrorOptions = {}): RenderedError {
  const httpError = normalise(error)
  const debug = options.debug === true
  const status = statusLine(httpError.status)
  const type = preferredType(environ.HTTP_ACCEPT)
  // Debug mode names what was thrown rather than the wrapper's status text.
  const message = httpError.expose
    ? httpError.message
    : debug
      ? isWrapper(httpError)
        ? errorSummary(httpError.cause)
        : httpError.message
      : undefined
  const details = debug ? { request: requestLine(environ), trace: errorTrace(httpError) } : undefined
  const page = encoder.encode(PAGES[type](httpError.status, status, message, details))
  const headers: [string, string][] = [
    ['content-type', `${type}; charset=utf-8`],
    ['content-length', String(page.byteLength)],
  ]
  const own = new Set<string>()
  // Headers from a thrown error are not trusted: those that break spec §4.2/§4.4 are dropped.
  for (const [name, value] of errorHeaders(httpError.headers)) {
    const lower = name.toLowerCase()
    if (OWN_HEADERS.has(lower)) continue
    own.add(lower)
    headers.push([name, value])
  }
  if (!own.has('cache-control')) headers.push(['cache-control', 'no-store'])
  if (!own.has('vary')) headers.push(['vary', 'accept'])
  if (!own.has('x-content-type-options')) headers.push(['x-content-type-options', 'nosniff'])
  return { status, headers, body: [page] }
}

interface Details {
  request: string
  trace: string
}

type Page = (code: number, status: string, message: string | undefined, details: Details | undefined) => string

const PAGES: Readonly<Record<ErrorMediaType, Page>> = {
  'application/json': (code, status, message, details) =>
    `${JSON.stringify({ error: { status: code, message: message ?? status.slice(4), ...details } })}\n`,
  'text/plain': (_code, status, message, details) => {
    let text = status
    if (message !== undefined && message !== status.slice(4)) text += `\n\n${message}`
    if (details) text += `\n\n${details.request}\n\n${details.trace}`
    return `${text}\n`
  },
  'text/html': (_code, status, message, details) => {
    let html = `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${escapeHtml(status)}</title></head>\n<body>\n<h1>${escapeHtml(status)}</h1>\n`
    if (message !== undefined && message !== status.slice(4)) html += `<p>${escapeHtml(message)}</p>\n`
    if (details) html += `<p><code>${escapeHtml(details.request)}</code></p>\n<pre>${escapeHtml(details.trace)}</pre>\n`
    return `${html}</body>\n</html>\n`
  },
}
