import type { HeaderList, ResponseDriver, ResponseSink } from '@tsgi/core'

/**
 * Core's response driver writing a fetch `Response` (spec §6.6): the head becomes its status and
 * `Headers`; the body a `ReadableStream` that pulls the app's body one chunk at a time (the
 * stream's `pull` is the driver's `resume`, its `cancel` the client going away); an error after
 * the commit errors the stream, which the runtime turns into a cut connection.
 */
export class FetchSink implements ResponseSink {
  /** Resolves with the response at the commit. */
  readonly response: Promise<Response>
  private resolve!: (response: Response) => void
  private status = 0
  private statusText = ''
  private headers: Headers = new Headers()
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined
  private driver: ResponseDriver | undefined
  /** The whole body was handed to the runtime: a later abort of the request is not the client leaving. */
  private finished = false
  private readonly signal: AbortSignal

  constructor(signal: AbortSignal) {
    this.signal = signal
    this.response = new Promise((resolve) => {
      this.resolve = resolve
    })
  }

  head(status: number, reason: string, headers: HeaderList): void {
    // Built here, so a head the Headers class refuses is refused before anything is sent.
    this.headers = new Headers(headers as [string, string][])
    this.status = status
    this.statusText = reason
  }

  write(chunk: Uint8Array): boolean {
    const controller = this.controller ?? this.open()
    controller.enqueue(chunk)
    return (controller.desiredSize ?? 0) > 0
  }

  end(chunk?: Uint8Array): void {
    this.finished = true
    const controller = this.controller
    if (controller === undefined) {
      // Nothing streamed yet: the whole body is this chunk, or nothing (HEAD, 204, 304, empty).
      this.respond(chunk ?? null)
      return
    }
    if (chunk !== undefined) controller.enqueue(chunk)
    controller.close()
  }

  endArray(chunks: readonly Uint8Array[]): void {
    this.finished = true
    const controller = this.open()
    for (const chunk of chunks) if (chunk.byteLength > 0) controller.enqueue(chunk)
    controller.close()
  }

  cut(error: unknown): void {
    // An errored stream: the runtime ends the connection without finishing the framing (spec §6.2.2).
    ;(this.controller ?? this.open()).error(error)
  }

  watch(driver: ResponseDriver): void {
    this.driver = driver
    const signal = this.signal
    if (signal.aborted) driver.abort()
    else
      signal.addEventListener(
        'abort',
        () => {
          // Deno aborts request.signal once the response is done; that is no abort (spec §3.4.2).
          if (!this.finished) driver.abort()
        },
        { once: true },
      )
  }

  private open(): ReadableStreamDefaultController<Uint8Array> {
    let controller: ReadableStreamDefaultController<Uint8Array> | undefined
    const stream = new ReadableStream<Uint8Array>({
      start: (given) => {
        controller = given
      },
      pull: () => this.driver?.resume(),
      // The consumer went away (spec §5.4.6, §5.4.7).
      cancel: () => this.driver?.abort(),
    })
    this.controller = controller
    this.respond(stream)
    return controller as ReadableStreamDefaultController<Uint8Array>
  }

  private respond(body: ReadableStream<Uint8Array> | Uint8Array | null): void {
    this.resolve(new Response(body, { status: this.status, statusText: this.statusText, headers: this.headers }))
  }
}
