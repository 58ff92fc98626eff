import { createHash } from 'node:crypto'
import {
  type App,
  type Body,
  describeValue,
  type Environ,
  getHeader,
  type HeaderList,
  type StartResponse,
  whenBody,
} from '@tsgi/core'
import { evaluatePreconditions, parseDate } from './_internal/preconditions.js'
import { notModifiedHeaders, preconditionFailed } from './_internal/responses.js'

/** Options for {@link conditional}. */
export interface ConditionalOptions {
  /**
   * Adds a strong `ETag` (a SHA-256 of the bytes) to 200 responses with an array body and no
   * ETag of their own, unless `Cache-Control` says `no-store`. Streamed bodies are never
   * buffered to be hashed (spec §7.2.2).
   * @default true
   */
  etag?: boolean
}

/**
 * Conditional GET for any app (Rack::ConditionalGet with Rack::ETag): for a GET or HEAD whose
 * response would be 2xx, evaluates `If-Match`, `If-Unmodified-Since`, `If-None-Match` and
 * `If-Modified-Since` in RFC 9110 §13.2.2's order against the response's `ETag` and
 * `Last-Modified`, and answers 304 Not Modified or 412 Precondition Failed instead, closing the
 * app's body unread. `serveStatic` uses the same evaluation.
 *
 * It decides when the app has returned, so it sees the status and headers of an app that calls
 * `startResponse` before returning (as array bodies and most apps do); a body that calls
 * `startResponse` only while it is iterated passes through unchanged. Other methods pass through
 * too: the app has already acted by the time its response is seen, so `If-Match` on a PUT is the
 * app's to check before it writes.
 *
 * @throws {TypeError} if `app` is not a function or an option is invalid.
 * @example
 * const app = conditional(router(routes))
 * // GET /report with If-None-Match: <the ETag of the last response> → 304 Not Modified, no body
 */
export function conditional(app: App, options: ConditionalOptions = {}): App {
  if (typeof app !== 'function') throw new TypeError(`conditional(): app must be a function, got ${describeValue(app)}`)
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`conditional(): options must be an object, got ${describeValue(options)}`)
  }
  const { etag = true } = options
  if (typeof etag !== 'boolean')
    throw new TypeError(`conditional(): options.etag must be a boolean, got ${describeValue(etag)}`)

  return function conditional(environ, startResponse) {
    const method = environ.REQUEST_METHOD
    if (method !== 'GET' && method !== 'HEAD') return app(environ, startResponse)
    const call = new DeferredStart(startResponse)
    return whenBody(app(environ, call.startResponse), (body) => call.decide(environ, body, etag))
  }
}

/**
 * Holds the app's `startResponse` call until its body is returned, then passes it on, or a 304 or
 * 412 instead (spec §7.3.5: the call is made before the body returned here yields anything).
 */
class DeferredStart {
  #held: [status: string, headers: HeaderList] | undefined
  #decided = false
  readonly #outer: StartResponse
  readonly startResponse: StartResponse

  constructor(outer: StartResponse) {
    this.#outer = outer
    this.startResponse = (status, headers, excInfo) => {
      // After the decision (a body that starts late, or an error page), calls go straight through.
      if (this.#decided || excInfo !== undefined) {
        // An error page replaces the held response: from here on every call goes through.
        this.#held = undefined
        this.#decided = true
        if (excInfo === undefined) outer(status, headers)
        else outer(status, headers, excInfo)
        return
      }
      if (this.#held !== undefined) throw new TypeError('startResponse() called twice without excInfo (spec §4.5)')
      this.#held = [status, headers]
    }
  }

  decide(environ: Environ, body: Body, addEtag: boolean): Body {
    this.#decided = true
    const held = this.#held
    if (held === undefined) return body
    let [status, headers] = held
    const code = Number.parseInt(status, 10)
    if (code < 200 || code > 299) return this.#pass(status, headers, body, environ)
    let etag = getHeader(headers, 'etag')
    if (etag === undefined && addEtag && code === 200 && Array.isArray(body) && !noStore(headers)) {
      etag = digest(body)
      headers = [...headers, ['etag', etag]]
    }
    const validators = { etag, lastModified: parseDate(getHeader(headers, 'last-modified')) }
    const decision = evaluatePreconditions(environ, validators)
    if (decision === 0) return this.#pass(status, headers, body, environ)
    closeUnread(body, environ)
    if (decision === 412) return preconditionFailed(this.#outer)
    this.#outer('304 Not Modified', notModifiedHeaders(headers))
    return []
  }

  /** Passes the held call on; if the server refuses it (a bad header), the body is closed before the error goes up. */
  #pass(status: string, headers: HeaderList, body: Body, environ: Environ): Body {
    try {
      this.#outer(status, headers)
    } catch (error) {
      closeUnread(body, environ)
      throw error
    }
    return body
  }
}

function digest(chunks: readonly Uint8Array[]): string {
  const hash = createHash('sha256')
  for (const chunk of chunks) hash.update(chunk)
  return `"${hash.digest('base64url')}"`
}

function noStore(headers: HeaderList): boolean {
  return /(?:^|,)\s*no-store\s*(?:,|$)/i.test(getHeader(headers, 'cache-control') ?? '')
}

/** A body replaced by a 304 or 412 is closed without being iterated (spec §5.4.8), errors logged. */
function closeUnread(body: Body, environ: Environ): void {
  const log = (error: unknown): void => {
    environ['tsgi.errors'].write(`conditional(): the replaced body's close() failed: ${String(error)}\n`)
  }
  try {
    const closing = body.close?.()
    if (closing && typeof closing.then === 'function') closing.then(undefined, log)
  } catch (error) {
    log(error)
  }
}
