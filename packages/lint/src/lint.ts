import type { App, Body, Environ, StartResponse } from '@tsgi/core'
import { describeValue } from '@tsgi/core'
import { checkEnviron } from './_internal/check-environ.js'
import { checkResponseHead } from './_internal/check-response-head.js'
import { lintBody } from './_internal/lint-body.js'
import { lintErrors, lintInput } from './_internal/lint-input.js'
import { LINT_RECORD, type LintRecord, type LintState, recordOf } from './_internal/state.js'
import { LintError } from './lint-error.js'

/**
 * Wraps an app so that both sides of the interface are checked at run time, in the spirit of
 * wsgiref.validate and Rack::Lint: the environ the server (or an outer middleware) passes in,
 * the app's `startResponse` calls, the body it returns and the server's use of that body
 * (iterated at most once, closed exactly once, Content-Length kept), `tsgi.input` and
 * `tsgi.errors`. Any violation throws a {@link LintError} naming the rule and its spec section.
 *
 * The environ reaches the app as a copy whose `tsgi.input` and `tsgi.errors` are checking
 * wrappers; a sync body stays sync and an array body stays an array (with a checking `close`).
 * Put it anywhere in a stack, several times if you like, in development and tests only.
 *
 * @throws {TypeError} if `app` is not a function.
 * @example
 * const app = compose(exceptionMiddleware, lint)(routes)
 */
export function lint(app: App): App {
  if (typeof app !== 'function') {
    throw new TypeError(`lint(): app must be a function, got ${describeValue(app)}`)
  }
  return function lint(environ: Environ, startResponse: StartResponse, ...extra: unknown[]): Body | Promise<Body> {
    // A server calls an app with exactly two arguments (spec §1.1.2), as wsgiref.validate checks.
    if (extra.length > 0) throw new LintError('an app is called with exactly two arguments', '1.1', extra.length + 2)
    checkEnviron(environ)
    if (typeof startResponse !== 'function') {
      throw new LintError('startResponse must be a function', '1.1', startResponse)
    }
    const parent = recordOf(environ)
    const record: LintRecord = {
      server: false,
      returned: false,
      bodies: [],
      innerPulls: 0,
      violations: parent?.violations ?? [],
    }
    const state: LintState = {
      method: environ.REQUEST_METHOD,
      head: undefined,
      committed: false,
      sent: 0,
      closed: false,
      parent,
      record,
    }
    const inner: Environ & { [LINT_RECORD]: LintRecord } = {
      ...environ,
      'tsgi.input': lintInput(environ['tsgi.input']),
      'tsgi.errors': lintErrors(environ['tsgi.errors']),
      [LINT_RECORD]: record,
    }
    let result: unknown
    try {
      result = app(inner, lintStartResponse(startResponse, state))
    } finally {
      record.returned = true
    }
    // Any thenable, a function with a then included, is a promise of the body (spec §1.2.2).
    if (isThenable(result)) {
      record.returned = false
      return Promise.resolve(result).then(
        (body) => {
          record.returned = true
          return lintBody(body, state)
        },
        (error: unknown) => {
          record.returned = true
          throw error
        },
      )
    }
    return lintBody(result, state)
  }
}

function lintStartResponse(startResponse: StartResponse, state: LintState): StartResponse {
  return function startResponseLinted(status, headers, ...rest: unknown[]): void {
    // Two or three arguments, as in wsgiref.validate: a stray fourth is a mistake.
    if (rest.length > 1) throw new LintError('startResponse takes (status, headers, excInfo?)', '4.5', rest.length + 2)
    const excInfo = rest[0]
    // Callers turn what they caught into an Error first, with HTTPError.from (spec §4.5.2, §8.2.2);
    // an Error from another realm (a vm context, an iframe) is one too.
    if (excInfo !== undefined && !isError(excInfo)) {
      throw new LintError('excInfo, when present, must be an Error (use HTTPError.from)', '4.5', excInfo)
    }
    if (state.closed) throw new LintError('startResponse must not be called after the body was closed', '4.5', status)
    if (state.head !== undefined && excInfo === undefined) {
      throw new LintError('startResponse may be called again only with excInfo', '4.5', status)
    }
    const head = checkResponseHead(status, headers)
    try {
      startResponse(status, headers, excInfo)
    } catch (thrown) {
      // Once the headers are out, the server rethrows excInfo itself, not an error of its own (spec §4.5.4).
      if (excInfo !== undefined && state.committed && thrown !== excInfo) {
        throw new LintError('the server must rethrow excInfo itself once the headers are committed', '4.5', thrown)
      }
      throw thrown
    }
    if (excInfo !== undefined && state.committed) {
      // The headers are out: the server had to rethrow excInfo (spec §4.5) and did not.
      throw new LintError('the server must rethrow excInfo once the headers are committed', '4.5', excInfo)
    }
    state.head = head
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  )
}

/** An Error of this realm or another (`instanceof` fails across realms; the internal tag does not). */
function isError(value: unknown): boolean {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]'
}
