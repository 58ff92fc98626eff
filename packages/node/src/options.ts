import type { ErrorStream } from '@tsgi/core'
import { describeValue } from '@tsgi/core'
import { stderrErrors } from './error-stream.js'

/** The request-side options: what {@link toNodeHandler} and {@link serve} both take. */
export interface HandlerOptions {
  /**
   * The most bytes a request body may have (spec §3.2, §6.4). A `Content-Length` over it gets a
   * 413 without calling the app; a longer chunked body makes the app's read reject with a 413
   * `PayloadTooLarge`, and the app never sees the extra bytes. `Infinity` turns the limit off.
   * @default 104857600 (100 MiB)
   */
  maxBodySize?: number
  /**
   * The most header fields a request may have (spec §6.4); one more gets a 431 before the app
   * runs. Node alone silently drops the fields past its own cap instead.
   * @default 100 (gunicorn's `limit_request_fields`)
   */
  maxHeaderCount?: number
  /**
   * What an encoded slash (`%2F`) in the path becomes (spec §2.5): `'reject'` answers 400,
   * `'keep'` leaves the three characters `%2F` (and `%25`) in `PATH_INFO`.
   * @default 'reject'
   */
  encodedSlashes?: 'reject' | 'keep'
  /**
   * The `tsgi.errors` stream (spec §3.3): app errors, server faults and rejected `close()`
   * promises are written to it, with their stacks.
   * @default standard error, written without blocking (spec §3.3.2)
   */
  errors?: ErrorStream
  /**
   * The value of `tsgi.multiprocess` (spec §2.4): whether equivalent copies of the app run in
   * other processes at the same time (a cluster, or several servers behind a balancer), so an app
   * knows that state kept in memory is not shared. `tsgi serve --workers N` sets it for N > 1.
   * @default false
   */
  multiprocess?: boolean
}

/** Options for {@link serve}: the request-side ones plus the listening socket, timeouts and shutdown. */
export interface ServeOptions extends HandlerOptions {
  /**
   * The TCP port; `0` picks any free port (read it back from `TsgiServer.port`).
   * @default 8000
   */
  port?: number
  /**
   * The address to listen on. The default accepts local connections only; use `'0.0.0.0'` or
   * `'::'` to accept others.
   * @default '127.0.0.1'
   */
  host?: string
  /**
   * Milliseconds a client has to send the whole request head (spec §6.4); then 408. Checked at
   * least once a second. `0` disables it.
   * @default 60000 (node's default)
   */
  headersTimeout?: number
  /**
   * Milliseconds a client has to send the whole request, body included; then 408. `0` disables it.
   * @default 300000 (node's default)
   */
  requestTimeout?: number
  /**
   * Milliseconds an idle keep-alive connection stays open.
   * @default 5000 (node's default)
   */
  keepAliveTimeout?: number
  /**
   * Milliseconds `close()` lets in-flight requests run before it cuts their connections (spec §6.5).
   * @default 30000 (gunicorn's `graceful_timeout`)
   */
  shutdownTimeout?: number
  /**
   * Milliseconds `close()` keeps serving after it reports not-ready, before it stops accepting
   * connections (spec §6.5): `tsgi.shutdown` is aborted at once, so a readiness probe (`@tsgi/health`)
   * fails and the load balancer stops sending, while requests that still arrive are answered.
   * Set it a little above the balancer's probe interval times its failure threshold (Kubernetes:
   * `periodSeconds` × `failureThreshold`), or the time its endpoints take to update.
   * @default 0 (stop accepting at once)
   */
  drainDelay?: number
  /**
   * Whether SIGTERM and SIGINT close the server gracefully (a second signal cuts every connection
   * at once). After closing, the signal is raised again, so the process exits as it would have.
   * @default false (`makeServer().serveForever()` turns it on)
   */
  signals?: boolean
}

/** Request-side options, validated and with their defaults. */
export interface ResolvedHandlerOptions {
  maxBodySize: number
  maxHeaderCount: number
  encodedSlashes: 'reject' | 'keep'
  errors: ErrorStream
  multiprocess: boolean
}

/** Every option of {@link serve}, validated and with its defaults. */
export interface ResolvedServeOptions extends ResolvedHandlerOptions {
  port: number
  host: string
  headersTimeout: number
  requestTimeout: number
  keepAliveTimeout: number
  shutdownTimeout: number
  drainDelay: number
  signals: boolean
}

/** 100 MiB. */
export const DEFAULT_MAX_BODY_SIZE: number = 100 * 1024 * 1024
/** gunicorn's `limit_request_fields`. */
export const DEFAULT_MAX_HEADER_COUNT = 100

/** Validates the request-side options; throws at once, naming the option and what it got. */
export function resolveHandlerOptions(caller: string, options: HandlerOptions | undefined): ResolvedHandlerOptions {
  if (options === undefined) options = {}
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${caller}: options must be an object, got ${describeValue(options)}`)
  }
  const { maxBodySize = DEFAULT_MAX_BODY_SIZE, maxHeaderCount = DEFAULT_MAX_HEADER_COUNT } = options
  const { encodedSlashes = 'reject', errors = stderrErrors, multiprocess = false } = options
  if (maxBodySize !== Number.POSITIVE_INFINITY) count(caller, 'maxBodySize', maxBodySize, 0)
  count(caller, 'maxHeaderCount', maxHeaderCount, 1)
  if (encodedSlashes !== 'reject' && encodedSlashes !== 'keep') {
    throw new TypeError(
      `${caller}: options.encodedSlashes must be 'reject' or 'keep', got ${describeValue(encodedSlashes)}`,
    )
  }
  if (errors === null || typeof errors !== 'object' || typeof errors.write !== 'function') {
    throw new TypeError(`${caller}: options.errors must have a write(text) method, got ${describeValue(errors)}`)
  }
  if (typeof multiprocess !== 'boolean') {
    throw new TypeError(`${caller}: options.multiprocess must be a boolean, got ${describeValue(multiprocess)}`)
  }
  return { maxBodySize, maxHeaderCount, encodedSlashes, errors, multiprocess }
}

/** Validates every option of {@link serve}. */
export function resolveServeOptions(options: ServeOptions | undefined): ResolvedServeOptions {
  const handler = resolveHandlerOptions('serve()', options)
  const o = options ?? {}
  const { port = 8000, host = '127.0.0.1', headersTimeout = 60_000, requestTimeout = 300_000 } = o
  const { keepAliveTimeout = 5000, shutdownTimeout = 30_000, drainDelay = 0, signals = false } = o
  count('serve()', 'port', port, 0)
  if (port > 65535) throw new RangeError(`serve(): options.port must be from 0 to 65535, got ${port}`)
  if (typeof host !== 'string' || host === '') {
    throw new TypeError(`serve(): options.host must be a non-empty string, got ${describeValue(host)}`)
  }
  count('serve()', 'headersTimeout', headersTimeout, 0)
  count('serve()', 'requestTimeout', requestTimeout, 0)
  count('serve()', 'keepAliveTimeout', keepAliveTimeout, 0)
  count('serve()', 'shutdownTimeout', shutdownTimeout, 0)
  count('serve()', 'drainDelay', drainDelay, 0)
  if (requestTimeout > 0 && headersTimeout > requestTimeout) {
    throw new RangeError(
      `serve(): options.headersTimeout (${headersTimeout}) must not exceed options.requestTimeout (${requestTimeout})`,
    )
  }
  if (typeof signals !== 'boolean') {
    throw new TypeError(`serve(): options.signals must be a boolean, got ${describeValue(signals)}`)
  }
  const timeouts = { headersTimeout, requestTimeout, keepAliveTimeout, shutdownTimeout, drainDelay }
  return { ...handler, port, host, ...timeouts, signals }
}

function count(caller: string, name: string, value: unknown, min: number): void {
  if (typeof value !== 'number') {
    throw new TypeError(`${caller}: options.${name} must be a number, got ${describeValue(value)}`)
  }
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${caller}: options.${name} must be an integer of at least ${min}, got ${value}`)
  }
}
