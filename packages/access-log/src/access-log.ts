import {
  type App,
  type Body,
  type BodyOutcome,
  type Chunk,
  describeValue,
  type Environ,
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
  status: number | undefined
  body: Body | undefined
}

const FORMATS: readonly string[] = ['common', 'combined', 'json']

/**
 * Writes one access log line per response (after gunicorn's access log), when the response body is
 * closed: the status, the body bytes actually passed to the server and the time to the last byte.
 * A streamed response is logged once it ends, and one the client left early (or whose body
 * failed midway) with the bytes sent until then, marked aborted. Put it inside `proxyFix`, so it
 * logs the client's address rather than the proxy's.
 *
 * The response passes through unchanged: its headers, its bytes, and an array body stays an array
 * (so a server still sends it at once with a Content-Length, spec §5.5).
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
  const log = (environ: Environ, record: Pending, error: unknown, aborted: boolean): void =>
    write(toLine(entryOf(environ, record, error, aborted)))
  const counting = countingBody(log)

  return function accessLog(environ, startResponse) {
    const record: Pending = {
      started: performance.now(),
      time: new Date(),
      bytes: 0,
      status: undefined,
      body: undefined,
    }
    const recording: StartResponse = (status, headers, excInfo) => {
      record.status = Number.parseInt(status, 10)
      return excInfo === undefined ? startResponse(status, headers) : startResponse(status, headers, excInfo)
    }
    const failed = (error: unknown): never => {
      log(environ, record, error, false)
      throw error
    }
    let result: Body | Promise<Body>
    try {
      result = app(environ, recording)
    } catch (error) {
      return failed(error)
    }
    if (!isPromise(result)) return counting(environ, record, result)
    return result.then((body) => counting(environ, record, body), failed)
  }
}

/**
 * Wraps a body so its bytes are counted and the line is written when it is closed. An array is
 * sent whole, so it is copied with a `close()` that logs (as `lint` does, spec §5.4); any other
 * body goes through core's `transform`, which keeps it sync or async and forwards `close()` once.
 */
function countingBody(log: (environ: Environ, record: Pending, error: unknown, aborted: boolean) => void) {
  const pending = new WeakMap<Environ, Pending>()
  // An app that only hands over the body already returned: transform's hooks then do the counting.
  const handOver: App = (environ) => (pending.get(environ) as Pending).body as Body
  const streamed = transform(handOver, {
    chunk(chunk: Chunk, environ: Environ) {
      ;(pending.get(environ) as Pending).bytes += chunk.byteLength
      return chunk
    },
    finally(outcome: BodyOutcome, environ: Environ) {
      const record = pending.get(environ) as Pending
      pending.delete(environ)
      record.body = undefined
      log(environ, record, outcome.error, outcome.aborted && environ['tsgi.abort'].aborted)
    },
  })
  const ignore: StartResponse = () => {}
  return (environ: Environ, record: Pending, body: Body): Body => {
    if (!Array.isArray(body)) {
      record.body = body
      pending.set(environ, record)
      return streamed(environ, ignore) as Body
    }
    for (const chunk of body as Chunk[]) record.bytes += chunk.byteLength
    const inner = body as Body
    const close = (): void | Promise<void> => {
      try {
        return inner.close?.()
      } finally {
        log(environ, record, undefined, environ['tsgi.abort'].aborted)
      }
    }
    return Object.assign((body as Chunk[]).slice(), { close })
  }
}

function entryOf(environ: Environ, record: Pending, error: unknown, clientGone: boolean): AccessLogEntry {
  // An error before any byte went out becomes the server's 500; after, the connection is cut.
  const failedEarly = error !== undefined && record.bytes === 0
  return {
    time: record.time,
    remoteAddr: environ.REMOTE_ADDR,
    method: environ.REQUEST_METHOD,
    target: environ.REQUEST_URI ?? targetOf(environ),
    protocol: environ.SERVER_PROTOCOL,
    status: failedEarly || record.status === undefined ? 500 : record.status,
    bytes: record.bytes,
    duration: performance.now() - record.started,
    aborted: clientGone || (error !== undefined && !failedEarly),
    referer: environ.HTTP_REFERER,
    userAgent: environ.HTTP_USER_AGENT,
  }
}

function targetOf(environ: Environ): string {
  const path = encodeURI(`${environ.SCRIPT_NAME}${environ.PATH_INFO}`) || '/'
  return environ.QUERY_STRING ? `${path}?${environ.QUERY_STRING}` : path
}

function isPromise(value: unknown): value is Promise<Body> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}

function writeStdout(line: string): void {
  process.stdout.write(line)
}
