/**
 * The tsgi interface: what a server hands an app and what the app hands back (docs/spec.md §2–§6).
 */

/** A piece of a body: bytes only, as in PEP 3333 (a `Buffer` is one). Spec §5.1. */
export type Chunk = Uint8Array

/**
 * What an app returns: a sync or async iterable of chunks, optionally with `close()`, which the
 * server calls exactly once when the response is over, however it ended (spec §5.4).
 *
 * @example
 * const body: Body = [new TextEncoder().encode('hello')]
 */
export type Body = (Iterable<Chunk> | AsyncIterable<Chunk>) & { close?(): void | Promise<void> }

/** Response headers as `[name, value]` pairs; never mutated once passed on (spec §4.3). */
export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>

/**
 * Begins the response (spec §4). `excInfo` is present if and only if it is `!== undefined`; a
 * second call is allowed only with it, and rethrows it once the headers are committed.
 *
 * @example
 * startResponse('200 OK', [['content-type', 'text/plain']])
 */
export type StartResponse = (status: string, headers: HeaderList, excInfo?: unknown) => void

/** The stream `tsgi.errors`: text written to it is logged by the server (spec §3.3). */
export interface ErrorStream {
  write(text: string): void
}

/**
 * `tsgi.abort`: whether the client went away before the response finished (spec §3.4). The
 * `signal` is created on first read, so a request that never asks pays nothing for it.
 */
export interface AbortState {
  readonly aborted: boolean
  readonly signal: AbortSignal
}

/**
 * The declaration-merge target for extension keys (spec §2.4). A package that produces a key
 * declares it here, so a typo in a key is a compile error.
 *
 * @example
 * declare module '@tsgi/core' {
 *   interface EnvironExtensions { 'myapp.user'?: { id: string } }
 * }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging
export interface EnvironExtensions {}

/**
 * The request, as a plain object of CGI and `tsgi.*` keys (spec §2). The CGI keys are always
 * present (`''` when absent); `HTTP_*` keys hold the request headers.
 *
 * @example
 * const app: App = (environ, startResponse) => {
 *   startResponse('200 OK', [['content-type', 'text/plain']])
 *   return [new TextEncoder().encode(`${environ.REQUEST_METHOD} ${environ.PATH_INFO}`)]
 * }
 */
export interface Environ extends EnvironExtensions {
  REQUEST_METHOD: string
  SCRIPT_NAME: string
  PATH_INFO: string
  QUERY_STRING: string
  CONTENT_TYPE: string
  CONTENT_LENGTH: string
  SERVER_NAME: string
  SERVER_PORT: string
  SERVER_PROTOCOL: string
  REMOTE_ADDR?: string
  REMOTE_PORT?: string
  REQUEST_URI?: string
  [header: `HTTP_${string}`]: string | undefined
  'tsgi.version': readonly [1, 0]
  'tsgi.url_scheme': 'http' | 'https'
  'tsgi.input': AsyncIterable<Uint8Array>
  'tsgi.errors': ErrorStream
  'tsgi.abort': AbortState
  'tsgi.multiprocess': boolean
  'tsgi.run_once': boolean
}

/**
 * An application: called once per request with the environ and `startResponse`; returns the body
 * (or a promise of it). Spec §1.
 *
 * @example
 * const hello: App = (_environ, startResponse) => {
 *   startResponse('200 OK', [['content-type', 'text/plain']])
 *   return [new TextEncoder().encode('Hello, world!\n')]
 * }
 */
export type App<E extends Environ = Environ> = (environ: E, startResponse: StartResponse) => Body | Promise<Body>

/**
 * Wraps an app in another (spec §7). `compose(a, b)(app)` is `a(b(app))`.
 *
 * @example
 * const noop: Middleware = (app) => app
 */
export type Middleware = (app: App) => App
