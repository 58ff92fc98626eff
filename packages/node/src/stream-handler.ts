import type { IncomingHttpHeaders, ServerHttp2Stream } from 'node:http2'
import {
  type App,
  BadRequest,
  bodyTooLarge,
  createAbort,
  createResponseDriver,
  type DecodePathInfoOptions,
  decodeRequestTarget,
  type Environ,
  errorResponse,
  RequestHeaderFieldsTooLarge,
} from '@tsgi/core'
import { buildEnviron, type RequestHead } from './environ.js'
import { Http2Sink } from './h2-sink.js'
import type { HandlerState } from './node-sink.js'
import type { ResolvedHandlerOptions } from './options.js'
import { requestInput } from './request-input.js'

/** 16 KiB of header list, as the 16 KiB request head of HTTP/1.1 (spec §6.4, §6.7.6). */
export const MAX_HEADER_LIST_SIZE: number = 16 * 1024

/** A node `stream` listener of an HTTP/2 server. */
export type StreamHandler = (
  stream: ServerHttp2Stream,
  headers: IncomingHttpHeaders,
  flags: number,
  rawHeaders: string[],
) => void

/**
 * The HTTP/2 side of {@link serve} (spec §6.7): the request-side rules of HTTP/1.1 (header
 * count, path decoding, body limit) applied to a stream, the environ built from its
 * pseudo-headers, and core's response driver writing HEADERS and DATA frames.
 */
export function createStreamHandler(app: App, options: ResolvedHandlerOptions, state: HandlerState): StreamHandler {
  const { maxBodySize, errors, multiprocess } = options
  const maxRawHeaders = options.maxHeaderCount * 2
  const decodeOptions: DecodePathInfoOptions = { encodedSlashes: options.encodedSlashes }

  return function handleStream(stream, headers, _flags, rawHeaders) {
    // A stream the client reset, or one the session refused, emits 'error'; unhandled it would
    // end the process. Its 'close' tells the response driver the client went away (spec §3.4).
    stream.on('error', ignore)
    const head = requestHead(stream, headers, rawHeaders)
    // The pseudo-headers (four at most in a request, RFC 9113 §8.3.1) are not header fields.
    if (rawHeaders.length > maxRawHeaders && fieldCount(rawHeaders) > maxRawHeaders / 2) {
      refuse(stream, new RequestHeaderFieldsTooLarge(`More than ${maxRawHeaders / 2} header fields`))
      return
    }
    // SETTINGS_MAX_HEADER_LIST_SIZE is advisory: a client may send more, and node lets it through.
    if (headerListSize(rawHeaders) > MAX_HEADER_LIST_SIZE) {
      refuse(stream, new RequestHeaderFieldsTooLarge(`Header list over ${MAX_HEADER_LIST_SIZE} bytes`))
      return
    }
    const target = head.url as string
    const mark = target.indexOf('?')
    const query = mark === -1 ? '' : target.slice(mark + 1)
    let pathInfo: string
    try {
      // CONNECT has no :path (RFC 9113 §8.5) and is not an HTTP request an app answers.
      if (headers[':method'] === 'CONNECT') throw new BadRequest('CONNECT is not supported')
      pathInfo = decodeRequestTarget(head.method as string, mark === -1 ? target : target.slice(0, mark), decodeOptions)
    } catch (error) {
      refuse(stream, error)
      return
    }
    const abort = createAbort()
    let environ: Environ
    try {
      environ = buildEnviron(head, pathInfo, query, errors, abort.state, multiprocess)
    } catch (error) {
      refuse(stream, error)
      return
    }
    // :authority stands for Host in HTTP/2 (RFC 9113 §8.3.1); a client may send either.
    if (environ.HTTP_HOST === undefined) {
      const authority = headers[':authority']
      if (typeof authority === 'string') environ.HTTP_HOST = authority
    }
    // The scheme the client used (RFC 9113 §8.3.1), when it is one tsgi knows.
    const scheme = headers[':scheme']
    if (scheme === 'https' || scheme === 'http') environ['tsgi.url_scheme'] = scheme
    const length = environ.CONTENT_LENGTH
    // Without END_STREAM on HEADERS a body follows, with or without a Content-Length (RFC 9113 §8.1).
    if (!stream.readableEnded && !(length === '0')) {
      if (length !== '' && Number(length) > maxBodySize) {
        refuse(stream, bodyTooLarge(maxBodySize))
        return
      }
      // Interim responses exist in HTTP/2 too (RFC 9113 §8.1); node's 'stream' event sends none.
      const expectContinue = headers.expect?.toLowerCase() === '100-continue'
      environ['tsgi.input'] = requestInput(stream, new StreamResponse(stream), maxBodySize, expectContinue)
    }
    createResponseDriver(environ, abort, new Http2Sink(stream, state)).run(app)
  }
}

/**
 * What {@link buildEnviron} reads of a request, from a stream: the pseudo-headers give the
 * method and target; {@link buildEnviron} skips them as header fields (RFC 9113 §8.3).
 */
function requestHead(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, raw: string[]): RequestHead {
  return {
    method: headers[':method'] as string,
    url: (headers[':path'] as string | undefined) ?? '',
    httpVersion: '2',
    socket: stream.session?.socket as RequestHead['socket'],
    rawHeaders: raw,
  }
}

/**
 * The size of a header list as HTTP/2 counts it (RFC 9113 §6.5.2): each field's name and value
 * plus 32 bytes; the bound the server advertises in SETTINGS_MAX_HEADER_LIST_SIZE.
 */
function headerListSize(raw: readonly string[]): number {
  let size = 0
  for (let index = 0; index < raw.length; index += 2) {
    size += (raw[index] as string).length + (raw[index + 1] as string).length + 32
  }
  return size
}

function fieldCount(raw: readonly string[]): number {
  let count = 0
  for (let index = 0; index < raw.length; index += 2) if ((raw[index] as string).charCodeAt(0) !== 0x3a) count++
  return count
}

function ignore(): void {
  // The stream's end is handled through its 'close' event.
}

/** An error before the app runs: core's error response on the stream (spec §6.2). */
function refuse(stream: ServerHttp2Stream, error: unknown): void {
  if (stream.destroyed || stream.closed) return
  const { status, headers, body } = errorResponse(error)
  const block: Record<string, string | number> = { ':status': status }
  for (const [name, value] of headers) block[name.toLowerCase()] = value
  stream.respond(block)
  stream.end(body)
}

/** The response-side view {@link requestInput} needs: whether the head went out, and `100 Continue`. */
class StreamResponse {
  private readonly stream: ServerHttp2Stream
  constructor(stream: ServerHttp2Stream) {
    this.stream = stream
  }
  get headersSent(): boolean {
    return this.stream.headersSent
  }
  // A stream is never reused: there is no connection to keep alive or close (RFC 9113 §8.1).
  get shouldKeepAlive(): boolean {
    return false
  }
  set shouldKeepAlive(_keep: boolean) {
    // Nothing to keep: the next request is another stream.
  }
  writeContinue(): void {
    this.stream.additionalHeaders({ ':status': 100 })
  }
}
