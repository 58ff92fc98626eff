import type { HeaderList } from './types.js'

/**
 * What a server adapter gives {@link createResponseDriver}: the few operations on its connection
 * that the driver cannot do itself (spec §6). Everything else (the `startResponse` state machine,
 * thenables, sorting the body, commit, Content-Length, HEAD/204/304, one `next()` at a time,
 * the `return()`/`close()` order, the error response and its log line) is the driver's. The
 * driver calls these in this order: at most one `head`, then `write`s, then exactly one of `end`,
 * `endArray` or `cut`; `watch` once, before the first wait; `track` any time.
 *
 * @example
 * const sink: ResponseSink = {
 *   head: (status, reason, headers) => res.writeHead(status, reason, headers as [string, string][]),
 *   write: (chunk) => res.write(chunk),
 *   end: (chunk) => res.end(chunk),
 *   cut: () => res.destroy(),
 *   watch: (driver) => {
 *     res.once('close', () => res.writableFinished || driver.abort())
 *     res.on('drain', () => driver.resume())
 *   },
 * }
 */
export interface ResponseSink {
  /**
   * Hands the status line and headers to the connection (commit, spec §4.6). `headers` is the
   * driver's own checked copy, with a computed `content-length` added or a 204's removed (spec
   * §5.5, §5.6); `length` is the `content-length` it carries, -1 when none (then the sink frames
   * the body itself: chunked or close-delimited). May throw if the connection refuses the head:
   * nothing was written then, and the driver sends an error response through `head` again.
   */
  head(status: number, reason: string, headers: HeaderList, length: number): void
  /**
   * Writes one non-empty chunk. Returns false when the connection's buffer is full: the driver
   * then pulls nothing until the sink calls `driver.resume()` (spec §4.6.4).
   */
  write(chunk: Uint8Array): boolean
  /** Ends the response, after writing `chunk` if given. Called once, after `head`. */
  end(chunk?: Uint8Array): void
  /**
   * Writes the non-empty chunks of an array body and ends the response: the fast path, one write
   * with the `content-length` `head` received (spec §5.5.1). Optional: without it the driver
   * calls `write` for each chunk, ignoring back-pressure (the bytes are already in memory), then `end`.
   */
  endArray?(chunks: readonly Uint8Array[]): void
  /**
   * Ends the connection so the client sees an incomplete response (spec §6.2.2): after the head
   * was committed an error came (`error`, already logged). Nothing more is written; what was
   * written may be flushed, but the framing is left unfinished (or the stream is reset).
   */
  cut(error: unknown): void
  /**
   * Called once, before the driver first waits (an async app, or a body it will pull): from then
   * on the sink calls `driver.abort()` when the client goes away before the response finished
   * (spec §3.4, §5.4.6–8) and `driver.resume()` when a full buffer drained. A sync app with an
   * array body never gets this call, so it costs no listener.
   */
  watch(driver: { resume(): void; abort(): void }): void
  /**
   * Keeps a promise the response no longer waits for: a `close()` or `return()` still settling
   * (spec §5.4.11). A server's graceful shutdown waits for them (§6.5). Never rejects. Optional.
   */
  track?(pending: Promise<unknown>): void
  /**
   * Takes an error that came before the headers went out (already logged), instead of the driver
   * sending core's `errorResponse` through `head` and `end`. Only a test client, which rejects
   * rather than answers (spec §6), needs it. Optional.
   */
  error?(error: unknown): void
}
