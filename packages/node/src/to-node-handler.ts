import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  type App,
  bodyTooLarge,
  createAbort,
  createResponseDriver,
  type DecodePathInfoOptions,
  decodeRequestTarget,
  describeValue,
  type Environ,
  NotImplemented,
  RequestHeaderFieldsTooLarge,
} from '@tsgi/core'
import { buildEnviron } from './environ.js'
import { sendError } from './error-response.js'
import { type HandlerState, NodeSink } from './node-sink.js'
import { type HandlerOptions, type ResolvedHandlerOptions, resolveHandlerOptions } from './options.js'
import { requestInput } from './request-input.js'

/** A node `request` listener. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void

/**
 * Turns a tsgi app into a node `request` listener, so it mounts in any `node:http` (or
 * `node:https`) server, or an Express/Connect stack as the last handler. It applies the
 * request-side rules of spec §2, §3 and §6 (path decoding, header count, body limit) and sends
 * the response as spec §4–§5 say. Timeouts, the 16 KiB header limit and graceful shutdown
 * belong to the server: {@link serve} sets them up.
 *
 * @throws {TypeError} if `app` is not a function or an option has the wrong type.
 * @throws {RangeError} if a numeric option is out of range.
 * @example
 * import { createServer } from 'node:http'
 * createServer(toNodeHandler(app, { maxBodySize: 1024 * 1024 })).listen(8000)
 */
export function toNodeHandler(app: App, options?: HandlerOptions): NodeHandler {
  const handle = createHandler('toNodeHandler()', app, options, { closing: false, pending: new Set() })
  return function toNodeHandler(req, res) {
    handle(req, res, false)
  }
}

/** The handler `serve()` and `toNodeHandler()` share; `sendContinue` is set for 'checkContinue' requests. */
export type InternalHandler = (req: IncomingMessage, res: ServerResponse, sendContinue: boolean) => void

/** Builds the handler once: options resolved, the decode options object made, nothing per request. */
export function createHandler(
  caller: string,
  app: App,
  options: HandlerOptions | undefined,
  state: HandlerState,
): InternalHandler {
  if (typeof app !== 'function') throw new TypeError(`${caller}: app must be a function, got ${describeValue(app)}`)
  const resolved: ResolvedHandlerOptions = resolveHandlerOptions(caller, options)
  const { maxBodySize, errors, multiprocess } = resolved
  const maxRawHeaders = resolved.maxHeaderCount * 2
  const decodeOptions: DecodePathInfoOptions = { encodedSlashes: resolved.encodedSlashes }

  return function handle(req, res, sendContinue) {
    // A pipelined request waits for the responses before it (node queues its response without a
    // socket until then), so responses go out in order and nothing runs after a response that
    // closed the connection (RFC 9112 §9.3.2, §9.6): node never hands a closed connection's queue a socket.
    const socket = res.socket
    if (socket === null) {
      res.once('socket', () => handle(req, res, sendContinue))
      return
    }
    // Parsed after a response that closed the connection had finished: never run (RFC 9112 §9.6).
    if (!socket.writable) return
    // Node keeps up to its own cap silently; counting here answers 431 instead (spec §6.4).
    if (req.rawHeaders.length > maxRawHeaders) {
      sendError(res, new RequestHeaderFieldsTooLarge(`More than ${maxRawHeaders / 2} header fields`), true)
      return
    }
    const url = req.url as string
    const mark = url.indexOf('?')
    const query = mark === -1 ? '' : url.slice(mark + 1)
    let pathInfo: string
    try {
      pathInfo = decodeRequestTarget(req.method as string, mark === -1 ? url : url.slice(0, mark), decodeOptions)
    } catch (error) {
      // Malformed paths are the client's fault: 400 before the app runs (spec §2.5).
      sendError(res, error, hasBodyHeaders(req))
      return
    }
    const abort = createAbort()
    let environ: Environ
    try {
      environ = buildEnviron(req, pathInfo, query, errors, abort.state, multiprocess)
    } catch (error) {
      sendError(res, error, true)
      return
    }
    const contentLength = environ.CONTENT_LENGTH
    const hasBody = (contentLength !== '' && contentLength !== '0') || environ.HTTP_TRANSFER_ENCODING !== undefined
    if (hasBody) {
      const codings = environ.HTTP_TRANSFER_ENCODING
      // Only chunked is decoded; node would hand gzip or an unframed body to the app as is (spec §6.2.4, RFC 9112 §6.1).
      if (codings !== undefined && codings.toLowerCase() !== 'chunked') {
        sendError(res, new NotImplemented(`Transfer-Encoding ${JSON.stringify(codings)} is not supported`), true)
        return
      }
      if (contentLength !== '' && Number(contentLength) > maxBodySize) {
        // Refused unread, so the connection cannot be reused (spec §6.4).
        sendError(res, bodyTooLarge(maxBodySize), true)
        return
      }
      environ['tsgi.input'] = requestInput(req, res, maxBodySize, sendContinue)
    }
    createResponseDriver(environ, abort, new NodeSink(req, res, state, hasBody)).run(app)
  }
}

function hasBodyHeaders(req: IncomingMessage): boolean {
  const { headers } = req
  return headers['transfer-encoding'] !== undefined || (headers['content-length'] ?? '0') !== '0'
}
