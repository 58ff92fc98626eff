import {
  type App,
  type BodyOutcome,
  describeValue,
  type Environ,
  getHeader,
  type HeaderList,
  type StartResponse,
  transform,
} from '@tsgi/core'
import type { AccessLogEntry } from './access-log-entry.js'
import { type AccessLogFormat, formatEntry } from './format-entry.js'

/** Options for {@link accessLog}. */
export interface AccessLogOptions {
  /**
   * `'common'` (Common Log Format), `'combined'` (plus referer and user agent), `'json'` (one
   * object per line, with the duration), or a function that turns an entry into a line.
   * @default 'common'
   */
  format?: AccessLogFormat | ((entry: AccessLogEntry) => string)
  /**
   * Where each line goes, newline included.
   * @default writes to process.stdout
   */
  write?: (line: string) => void
}

/** What is known of a request while its response is under way. */
interface Pending {
  readonly started: number
  readonly time: Date
  bytes: number
  contentLength: string | undefined
}

const FORMATS: readonly string[] = ['common', 'combined', 'json']

/**
 * Writes one access log line per response (after gunicorn's access log), when the response body is
 * closed: the status, the body bytes actually passed to the server and the time to the last byte.
 * A streamed response is logged once it ends, and one the client left early (or whose body
 * failed midway) with the bytes sent until then, marked aborted. Put it inside `proxyFix`, so it
 * logs the client's address rather than the proxy's.
 *
 * The response passes through unchanged: its headers (Content-Length included) and its bytes.
 *
 * @throws {TypeError} if `app` is not a function or an option has the wrong type.
 * @example
 * const app = compose(proxyFix, (inner) => accessLog(inner, { format: 'combined' }))(routes)
 */
export function accessLog(app: App, options: AccessLogOptions = {}): App {
  if (typeof app !== 'function') throw new TypeError(`accessLog(): app must be a function, got ${describeValue(app)}`)
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`accessLog(): options must be an object, got ${describeValue(options)}`)
  }
  const { format = 'common', write = writeStdout } = options
  if (typeof format !== 'function' && !FORMATS.includes(format)) {
    throw new TypeError(
      `accessLog(): options.format must be 'common', 'combined', 'json' or a function, got ${describeValue(format)}`,
    )
  }
  if (typeof write !== 'function') {
    throw new TypeError(`accessLog(): options.write must be a function, got ${describeValue(write)}`)
  }
  const toLine = typeof format === 'function' ? format : (entry: AccessLogEntry) => formatEntry(entry, format)
  // The transform hooks get the environ, not a closure: per-request state lives here, keyed by it.
  const pending = new WeakMap<Environ, Pending>()
  const counted = transform(app, {
    start(_status, headers, _excInfo, environ) {
      // A chunk hook makes transform drop Content-Length; the bytes pass unchanged, so it is put back.
      ;(pending.get(environ) as Pending).contentLength = getHeader(headers, 'content-length')
      return undefined
    },
    chunk(chunk, environ) {
      ;(pending.get(environ) as Pending).bytes += chunk.byteLength
      return chunk
    },
    finally(outcome, environ) {
      const record = pending.get(environ) as Pending
      pending.delete(environ)
      write(toLine(entryOf(environ, record, outcome)))
    },
  })

  return function accessLog(environ, startResponse) {
    const record: Pending = { started: performance.now(), time: new Date(), bytes: 0, contentLength: undefined }
    pending.set(environ, record)
    return counted(environ, keepContentLength(startResponse, record))
  }
}

function keepContentLength(startResponse: StartResponse, record: Pending): StartResponse {
  return (status, headers, excInfo) => {
    const list: HeaderList =
      record.contentLength === undefined ? headers : [...headers, ['content-length', record.contentLength]]
    record.contentLength = undefined
    return excInfo === undefined ? startResponse(status, list) : startResponse(status, list, excInfo)
  }
}

function entryOf(environ: Environ, record: Pending, outcome: BodyOutcome): AccessLogEntry {
  // An error before any byte went out becomes the server's 500; after, the connection is cut.
  const failedEarly = outcome.error !== undefined && record.bytes === 0
  const clientGone = outcome.aborted && environ['tsgi.abort'].aborted
  return {
    time: record.time,
    remoteAddr: environ.REMOTE_ADDR,
    method: environ.REQUEST_METHOD,
    target: environ.REQUEST_URI ?? targetOf(environ),
    protocol: environ.SERVER_PROTOCOL,
    status: failedEarly || outcome.status === undefined ? 500 : outcome.status,
    bytes: record.bytes,
    duration: performance.now() - record.started,
    aborted: clientGone || (outcome.error !== undefined && !failedEarly),
    referer: environ.HTTP_REFERER,
    userAgent: environ.HTTP_USER_AGENT,
  }
}

function targetOf(environ: Environ): string {
  const path = encodeURI(`${environ.SCRIPT_NAME}${environ.PATH_INFO}`) || '/'
  return environ.QUERY_STRING ? `${path}?${environ.QUERY_STRING}` : path
}

function writeStdout(line: string): void {
  process.stdout.write(line)
}
