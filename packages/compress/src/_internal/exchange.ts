import {
  type Body,
  type Chunk,
  concatBytes,
  type Environ,
  type HeaderList,
  type StartResponse,
  transformBody,
} from '@tsgi/core'
import type { Encoding } from '../compress.js'
import type { Codecs } from './codecs.js'
import { encodedHeaders, type PlanSettings, plainHeaders, shouldCompress } from './plan.js'
import type { ZlibCoder } from './zlib-coder.js'

/** What one `compress()` layer resolved at build time and shares with every request. */
export interface Settings extends PlanSettings {
  codecs: Codecs
}

type Call = [status: string, headers: HeaderList, excInfo: unknown]

/**
 * One request through the middleware, for a client that accepts `encoding`.
 *
 * The app's `startResponse` call is held until the app has returned its body (nothing is sent
 * before the first chunk anyway, spec §4.6), so an array body, whose length is then known, can be
 * compressed in one go and sent with a `Content-Length`, or left alone under the threshold. A call
 * made later, while the body is iterated, is decided and passed on at once.
 *
 * It is also the async hooks object of core's `transformBody` for a streamed body, so nothing is
 * allocated per chunk beyond the compressor's output.
 */
export class Exchange {
  readonly async = true
  private readonly settings: Settings
  private readonly encoding: Encoding
  private readonly outer: StartResponse
  private held: Call | undefined
  private returned = false
  /** The body went out untouched: every later call only gains `Vary`. */
  private untouched = false
  private coder: ZlibCoder | undefined

  constructor(settings: Settings, encoding: Encoding, outer: StartResponse) {
    this.settings = settings
    this.encoding = encoding
    this.outer = outer
  }

  /** The `startResponse` the app is given. */
  readonly startResponse: StartResponse = (status, headers, excInfo) => {
    if (!this.returned && (this.held === undefined || excInfo !== undefined)) {
      this.held = [status, headers, excInfo]
      return
    }
    // A second call without excInfo before the app returned: pass both on, so the server judges it.
    if (this.held !== undefined) this.forwardStreaming(this.held)
    this.held = undefined
    this.forwardStreaming([status, headers, excInfo])
  }

  /** The body the middleware returns for the app's `body`. */
  finish(body: Body, environ: Environ): Body | Promise<Body> {
    this.returned = true
    const held = this.held
    this.held = undefined
    if (held === undefined) return transformBody(body, this, environ) // startResponse comes later
    if (Array.isArray(body)) return this.finishArray(body as Chunk[] & Body, held)
    this.forwardStreaming(held)
    if (this.coder === undefined) {
      this.untouched = true
      return body
    }
    return transformBody(body, this, environ)
  }

  chunk(chunk: Chunk): Chunk | Promise<Chunk> {
    return this.coder === undefined ? chunk : this.coder.chunk(chunk)
  }

  end(): Promise<Chunk | undefined> | undefined {
    return this.coder?.end()
  }

  finally(): void {
    this.coder?.finally()
  }

  private finishArray(body: Chunk[] & Body, [status, headers, excInfo]: Call): Body | Promise<Body> {
    // A chunk that is not bytes is the app's error for the server to report: the array goes on as is.
    const bytes = body.every((chunk) => chunk instanceof Uint8Array) ? concatBytes(body) : undefined
    if (bytes === undefined || !shouldCompress(status, headers, bytes.length, this.settings)) {
      this.untouched = true
      this.pass(status, plainHeaders(headers), excInfo)
      return body
    }
    const encoded = this.settings.codecs.oneShot(this.encoding, bytes)
    const send = (out: Chunk): Body => {
      this.pass(status, encodedHeaders(headers, this.encoding, out.length), excInfo)
      this.untouched = true // the compressed array is final; a later call can only change headers
      return withClose([out], body)
    }
    return encoded instanceof Uint8Array ? send(encoded) : encoded.then(send)
  }

  /** Decides for a streamed body, starting or dropping the compressor, and passes the call on. */
  private forwardStreaming([status, headers, excInfo]: Call): void {
    const stream =
      !this.untouched && shouldCompress(status, headers, undefined, this.settings)
        ? (this.coder ?? this.settings.codecs.stream(this.encoding))
        : undefined
    this.pass(status, stream ? encodedHeaders(headers, this.encoding, undefined) : plainHeaders(headers), excInfo)
    // Only once the server took the call: one that throws (excInfo after the commit) changes nothing.
    if (stream !== this.coder) this.coder?.finally()
    this.coder = stream
  }

  private pass(status: string, headers: HeaderList, excInfo: unknown): void {
    if (excInfo === undefined) this.outer(status, headers)
    else this.outer(status, headers, excInfo)
  }
}

/** The compressed array, closing the app's body exactly once when it is closed (spec §5.4). */
function withClose(out: Chunk[], body: Body): Body {
  if (typeof body.close !== 'function') return out
  let closed = false
  return Object.assign(out, {
    close(): void | Promise<void> {
      if (closed) return
      closed = true
      return body.close!()
    },
  })
}
