/** What {@link accessLog} knows about one finished response; a custom `format` receives it. */
export interface AccessLogEntry {
  /** When the request reached the middleware. */
  readonly time: Date
  /** `REMOTE_ADDR`: the client's address, or under `proxyFix` the one the trusted proxies reported. */
  readonly remoteAddr: string | undefined
  /** `REQUEST_METHOD`. */
  readonly method: string
  /** The request target as the client sent it (`REQUEST_URI`), or rebuilt from the path and query. */
  readonly target: string
  /** `SERVER_PROTOCOL`, e.g. `HTTP/1.1`. */
  readonly protocol: string
  /** The status code sent; 500 when the app failed before sending its headers. */
  readonly status: number
  /** Body bytes passed to the server, which it sends (0 for none). */
  readonly bytes: number
  /** Milliseconds from the request to the body's `close()`: the last byte, or the abort. */
  readonly duration: number
  /** Whether the response was cut short: the client went away or the body failed mid-stream. */
  readonly aborted: boolean
  /** The `Referer` request header. */
  readonly referer: string | undefined
  /** The `User-Agent` request header. */
  readonly userAgent: string | undefined
}
