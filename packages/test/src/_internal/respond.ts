import { type App, describeValue, errorResponse, getHeader, type HTTPError } from '@tsgi/core'
import { lint } from '@tsgi/lint'
import type { TestResponse } from '../types.js'
import type { ErrorCollector } from './build-environ.js'
import type { Head } from './driver.js'

const decoder = new TextDecoder()
/** Each app is wrapped in lint once, not per request. */
const LINTED = new WeakMap<App, App>()

/** The app to run: wrapped in `lint()` unless turned off. */
export function appToRun(caller: string, app: App, withLint: boolean): App {
  if (typeof app !== 'function') throw new TypeError(`${caller}(): app must be a function, got ${describeValue(app)}`)
  if (!withLint) return app
  let linted = LINTED.get(app)
  if (linted === undefined) LINTED.set(app, (linted = lint(app)))
  return linted
}

/** The response object request() resolves to. */
export function toResponse(head: Head, body: Uint8Array, collector: ErrorCollector | undefined): TestResponse {
  return {
    status: head.code,
    statusText: head.reason,
    headers: head.headers,
    header: (name: string) => getHeader(head.headers, name),
    body,
    text: () => decoder.decode(body),
    json: <T>() => JSON.parse(decoder.decode(body)) as T,
    get errors() {
      return collector?.text ?? ''
    },
  }
}

/** What a server answers, without calling the app, to a request it cannot decode (spec §2.5): core's `errorResponse`. */
export function errorHead(error: HTTPError): { head: Head; body: Uint8Array } {
  const { status, reason, headers, body } = errorResponse(error)
  return { head: { code: status, reason, headers }, body }
}
