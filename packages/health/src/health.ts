import { type App, describeValue, type Environ, type StartResponse } from '@tsgi/core'
import { type HealthCheck, runChecks } from './run-checks.js'

declare module '@tsgi/core' {
  interface EnvironExtensions {
    /**
     * Set by a server (spec §6.5; `@tsgi/node`'s `serve()` sets it): aborted once the server starts
     * shutting down. `health()` reads it to report not-ready during the drain delay.
     */
    'tsgi.shutdown'?: AbortSignal | undefined
  }
}

/** Options for {@link health}. */
export interface HealthOptions {
  /**
   * The liveness path: 200 while the process can answer at all. `false` turns it off.
   * @default '/healthz'
   */
  path?: string | false
  /**
   * The readiness path: 200 when every check passes and the server is not shutting down, else
   * 503 with the failing names. `false` turns it off.
   * @default '/readyz'
   */
  ready?: string | false
  /**
   * Readiness checks by name. A check fails when it returns or resolves `false`, throws, rejects,
   * or takes longer than `timeout`; the reason goes to `tsgi.errors`, never to the client.
   * @default {} (ready unless shutting down)
   */
  checks?: Readonly<Record<string, HealthCheck>>
  /**
   * Milliseconds a check may take before it counts as failed, so a hung dependency cannot hang
   * the probe.
   * @default 2000
   */
  timeout?: number
}

const encoder = new TextEncoder()
const HEADERS = (type: string, body: Uint8Array): [string, string][] => [
  ['content-type', type],
  ['content-length', String(body.byteLength)],
  // A cached probe answer would hide a change of state.
  ['cache-control', 'no-store'],
]
const LIVE = encoder.encode('ok\n')

/**
 * Answers a load balancer's or Kubernetes' probes in front of an app: liveness (`/healthz`)
 * always 200 while the process runs; readiness (`/readyz`) 200 only when every check passes, and
 * 503 with the names of the failing checks, or once the server is shutting down (`tsgi.shutdown`,
 * which `@tsgi/node` aborts at the start of `close()` and keeps serving for its `drainDelay`).
 * Both answer GET and HEAD; other methods get 405. Every other request goes to the app.
 *
 * @throws {TypeError} if `app` is not a function or an option has the wrong type.
 * @example
 * const app = health(routes, { checks: { database: () => pool.ping() } })
 */
export function health(app: App, options: HealthOptions = {}): App {
  if (typeof app !== 'function') throw new TypeError(`health(): app must be a function, got ${describeValue(app)}`)
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`health(): options must be an object, got ${describeValue(options)}`)
  }
  const live = probePath('path', options.path, '/healthz')
  const ready = probePath('ready', options.ready, '/readyz')
  const checks = checkList(options.checks ?? {})
  const { timeout = 2000 } = options
  if (typeof timeout !== 'number' || !(timeout > 0) || !Number.isFinite(timeout)) {
    throw new TypeError(
      `health(): options.timeout must be a positive number of milliseconds, got ${describeValue(timeout)}`,
    )
  }

  return function health(environ, startResponse) {
    const path = environ.PATH_INFO
    if (path !== live && path !== ready) return app(environ, startResponse)
    const method = environ.REQUEST_METHOD
    if (method !== 'GET' && method !== 'HEAD') return notAllowed(startResponse)
    if (path === live) return answer(startResponse, '200 OK', 'text/plain; charset=utf-8', LIVE)
    return readiness(environ, startResponse, checks, timeout)
  }
}

async function readiness(
  environ: Environ,
  startResponse: StartResponse,
  checks: readonly [string, HealthCheck][],
  timeout: number,
): Promise<Uint8Array[]> {
  const shuttingDown = environ['tsgi.shutdown']?.aborted === true
  const failing = shuttingDown ? [] : await runChecks(checks, timeout, environ['tsgi.errors'])
  const ok = !shuttingDown && failing.length === 0
  const body = encoder.encode(`${JSON.stringify({ ready: ok, shuttingDown, failing })}\n`)
  return answer(startResponse, ok ? '200 OK' : '503 Service Unavailable', 'application/json', body)
}

function answer(startResponse: StartResponse, status: string, type: string, body: Uint8Array): Uint8Array[] {
  startResponse(status, HEADERS(type, body))
  return [body]
}

function notAllowed(startResponse: StartResponse): Uint8Array[] {
  const body = encoder.encode('Method Not Allowed\n')
  startResponse('405 Method Not Allowed', [...HEADERS('text/plain; charset=utf-8', body), ['allow', 'GET, HEAD']])
  return [body]
}

function probePath(name: string, value: unknown, fallback: string): string | undefined {
  if (value === false) return undefined
  if (value === undefined) return fallback
  if (typeof value !== 'string' || !value.startsWith('/')) {
    throw new TypeError(
      `health(): options.${name} must be a path starting with '/' or false, got ${describeValue(value)}`,
    )
  }
  return value
}

function checkList(checks: unknown): [string, HealthCheck][] {
  if (checks === null || typeof checks !== 'object' || Array.isArray(checks)) {
    throw new TypeError(`health(): options.checks must be an object of named functions, got ${describeValue(checks)}`)
  }
  return Object.entries(checks).map(([name, check]) => {
    if (typeof check !== 'function') {
      throw new TypeError(`health(): options.checks.${name} must be a function, got ${describeValue(check)}`)
    }
    return [name, check as HealthCheck]
  })
}
