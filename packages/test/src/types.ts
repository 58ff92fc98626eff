import type { ErrorStream, HeaderList } from '@tsgi/core'

/** Request headers: an object (a value may be a list, for repeated headers) or `[name, value]` pairs. */
export type TestHeaders =
  | Readonly<Record<string, string | readonly string[]>>
  | ReadonlyArray<readonly [name: string, value: string]>

/** A request body: bytes, a string (sent as UTF-8), or a sync or async iterable of byte chunks. */
export type TestBody = Uint8Array | string | Iterable<Uint8Array> | AsyncIterable<Uint8Array>

/** Describes the request for {@link request}, {@link stream} and {@link createEnviron}. */
export interface TestRequestInit {
  /**
   * The request method.
   * @default 'GET'
   */
  method?: string
  /**
   * The request target as on the wire: path and query, e.g. `/users/1?full=yes`. With
   * `scriptName`, it must start with it, as a request to an app mounted there does.
   * @default '/'
   */
  path?: string
  /** Request headers. A `Host` header is added from `host` when missing. @default {} */
  headers?: TestHeaders
  /**
   * The request body. Bytes or a string also set `CONTENT_LENGTH` unless a Content-Length header is
   * given; an iterable is streamed as a body of unknown length.
   * @default undefined (no body: the shared empty input)
   */
  body?: TestBody
  /**
   * Where the app is mounted (decoded, e.g. `/api`): `SCRIPT_NAME`, and the prefix cut off the
   * path to form `PATH_INFO`.
   * @default ''
   */
  scriptName?: string
  /** `tsgi.url_scheme`; also sets the default port. @default 'http' */
  scheme?: 'http' | 'https'
  /**
   * The server's own name, with an optional `:port`: `SERVER_NAME` and `SERVER_PORT` (spec §2.2),
   * and the `Host` header unless `headers` has one (a `Host` header is the client's: it sets only
   * `HTTP_HOST`).
   * @default 'localhost'
   */
  host?: string
  /** What `%2F` in the path becomes, as in core's `decodePathInfo`. @default 'reject' */
  encodedSlashes?: 'reject' | 'keep'
  /**
   * `tsgi.errors`. By default a collector whose text the response exposes as `errors`.
   * @default a collector
   */
  errors?: ErrorStream
  /**
   * Whether to run the app wrapped in `lint()` from `@tsgi/lint`, so any violation of the
   * interface rejects with a `LintError`.
   * @default true
   */
  lint?: boolean
}

/** What {@link request} resolves to: the whole response, its body read to the end. */
export interface TestResponse {
  /** The status code, e.g. `200`. */
  readonly status: number
  /** The reason phrase of the status line, e.g. `'OK'`. */
  readonly statusText: string
  /** The headers as the app finally passed them to `startResponse`. */
  readonly headers: HeaderList
  /** The first header named `name` (any case), or `undefined`. */
  header(name: string): string | undefined
  /** The body bytes (empty for HEAD, 204 and 304, as a server sends them). */
  readonly body: Uint8Array
  /** The body decoded as UTF-8. */
  text(): string
  /** The body parsed as JSON. @throws {SyntaxError} if it is not JSON. */
  json<T = unknown>(): T
  /** What was written to `tsgi.errors` (when it was the default collector), e.g. a close() failure. */
  readonly errors: string
}

/** What {@link stream} resolves to once the headers are committed. */
export interface TestStream {
  /** The status code, e.g. `200`. */
  readonly status: number
  /** The reason phrase of the status line. */
  readonly statusText: string
  /** The headers as committed. */
  readonly headers: HeaderList
  /** The first header named `name` (any case), or `undefined`. */
  header(name: string): string | undefined
  /**
   * The body chunks, from the first non-empty one; iterable once. Stopping early (`break`) is the
   * client going away, as `abort()` is. An error from the body rejects the pending read.
   */
  readonly chunks: AsyncIterable<Uint8Array>
  /**
   * The client goes away: `tsgi.abort` is aborted, the body is closed (at once if a read is pending,
   * its `return()` called when that read settles) and a pending read of `chunks` ends.
   */
  abort(): void
  /** What was written to `tsgi.errors` so far (when it is the default collector). */
  readonly errors: string
}
