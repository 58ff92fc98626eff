import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import {
  createServer as createH2cServer,
  createSecureServer,
  type Http2SecureServer,
  type Http2Server,
  type Http2Session,
} from 'node:http2'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import type { Socket } from 'node:net'
import type { App } from '@tsgi/core'
import { onClientError } from './client-error.js'
import type { HandlerState } from './node-sink.js'
import type { ResolvedServeOptions } from './options.js'
import { createStreamHandler, MAX_HEADER_LIST_SIZE } from './stream-handler.js'
import { createHandler } from './to-node-handler.js'

/** The server `serve()` listens with: `node:http`, `node:https`, or `node:http2` (h2 or h2c). */
export type AnyServer = Server | HttpsServer | Http2Server | Http2SecureServer

/** A server and the two ways a graceful shutdown ends its connections (spec §6.5). */
export interface Listener {
  readonly server: AnyServer
  /** Ends idle connections now; HTTP/2 sessions get GOAWAY and end once their open streams have. */
  closeIdle(): void
  /** Ends every connection at once. */
  closeAll(): void
}

// Node checks its headers/request timeouts every 30 s by default; a slow client could then hold
// a connection 30 s past its deadline (spec §6.4).
const CHECK_INTERVAL = 1000
// 16 KiB of request head, node's default, set explicitly so a changed default does not loosen it.
const MAX_HEADER_SIZE = 16 * 1024

/** Makes the server `options` ask for, with the tsgi handlers on it; it does not listen yet. */
export function createListener(app: App, options: ResolvedServeOptions, state: HandlerState): Listener {
  const handle = createHandler('serve()', app, options, state)
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => handle(req, res, false)
  const onContinue = (req: IncomingMessage, res: ServerResponse): void => handle(req, res, true)
  if (options.http2) return http2Listener(app, options, state, onRequest)
  const { headersTimeout, requestTimeout, keepAliveTimeout, tls } = options
  const settings = {
    maxHeaderSize: MAX_HEADER_SIZE,
    headersTimeout,
    requestTimeout,
    keepAliveTimeout,
    connectionsCheckingInterval: CHECK_INTERVAL,
    requireHostHeader: true,
  }
  const server: Server | HttpsServer =
    tls === undefined ? createHttpServer(settings) : createHttpsServer({ ...tls, ...settings })
  server.keepAliveTimeout = keepAliveTimeout
  // One past the limit, so the handler can tell "too many" from "exactly the limit" and answer 431.
  server.maxHeadersCount = options.maxHeaderCount + 1
  server.on('request', onRequest)
  server.on('checkContinue', onContinue)
  server.on('clientError', onClientError)
  return { server, closeIdle: () => server.closeIdleConnections(), closeAll: () => server.closeAllConnections() }
}

function http2Listener(
  app: App,
  options: ResolvedServeOptions,
  state: HandlerState,
  onRequest: (req: IncomingMessage, res: ServerResponse) => void,
): Listener {
  const { tls, maxConcurrentStreams, maxHeaderCount, headersTimeout } = options
  const settings = {
    // Node's own rapid-reset defences stay on (CVE-2023-44487): a session that opens and resets
    // streams faster than it lets them run, or sends invalid frames, gets GOAWAY.
    maxSessionInvalidFrames: 1000,
    maxSessionRejectedStreams: 100,
    // One past the limit, as for HTTP/1.1, plus the four request pseudo-headers.
    maxHeaderListPairs: maxHeaderCount + 5,
    settings: { maxConcurrentStreams, maxHeaderListSize: MAX_HEADER_LIST_SIZE },
  }
  const server: Http2Server | Http2SecureServer =
    tls === undefined ? createH2cServer(settings) : createSecureServer({ ...tls, ...settings, allowHTTP1: true })
  const sessions = new Set<Http2Session>()
  const http1 = new Set<Socket>()
  if (tls !== undefined) {
    // HTTP/1.1 over TLS for clients without h2. Adding a 'request' listener also makes node answer
    // streams through its compatibility layer; the streams are ours alone, so that listener goes.
    server.on('request', onRequest as never)
    server.removeAllListeners('stream')
    server.on('secureConnection', (socket: Socket & { alpnProtocol?: string | false }) => {
      if (socket.alpnProtocol === 'h2') return
      http1.add(socket)
      socket.once('close', () => http1.delete(socket))
    })
  }
  server.on('stream', createStreamHandler(app, options, state))
  server.on('session', (session: Http2Session) => {
    sessions.add(session)
    session.once('close', () => sessions.delete(session))
    // A session with no frames for headersTimeout is closed, as an idle HTTP/1.1 connection would be.
    if (headersTimeout > 0) session.setTimeout(headersTimeout, () => session.close())
  })
  return {
    server,
    closeIdle() {
      for (const session of sessions) if (!session.closed) session.close()
      for (const socket of http1) {
        if ((socket as Socket & { _httpMessage?: unknown })._httpMessage == null) socket.destroy()
      }
    },
    closeAll() {
      for (const session of sessions) session.destroy()
      for (const socket of http1) socket.destroy()
    },
  }
}
