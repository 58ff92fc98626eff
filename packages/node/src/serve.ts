import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { App } from '@tsgi/core'
import { onClientError } from './client-error.js'
import type { HandlerState } from './node-sink.js'
import { type ResolvedServeOptions, resolveServeOptions, type ServeOptions } from './options.js'
import { withShutdownSignal } from './shutdown-signal.js'
import { createHandler } from './to-node-handler.js'

/** A running server, as {@link serve} resolves it. */
export interface TsgiServer {
  /** The port it listens on (the one picked when `port` was 0). */
  readonly port: number
  /** `http://host:port`, ready for a client; an IPv6 host is bracketed. */
  readonly url: string
  /** The underlying `node:http` server. */
  readonly server: Server
  /**
   * Closes gracefully (spec §6.5): aborts `tsgi.shutdown` (readiness checks fail), keeps serving
   * for `drainDelay`, then stops accepting, lets in-flight requests finish (responses that
   * start now carry `Connection: close`), closes idle keep-alive connections at once, cuts the
   * rest after `shutdownTimeout`, and waits for pending `close()` promises of bodies. Idempotent.
   */
  close(): Promise<void>
}

// Node checks its headers/request timeouts every 30 s by default; a slow client could then hold
// a connection 30 s past its deadline (spec §6.4).
const CHECK_INTERVAL = 1000
// 16 KiB of request head, node's default, set explicitly so a changed default does not loosen it.
const MAX_HEADER_SIZE = 16 * 1024

/**
 * Serves a tsgi app on `node:http` (the reference server of docs/spec.md). Every option is
 * validated at once. Resolves when the server listens.
 *
 * @throws {TypeError} if `app` is not a function or an option has the wrong type.
 * @throws {RangeError} if a numeric option is out of range.
 * @example
 * const server = await serve(app, { port: 0 })
 * console.log(`listening on ${server.url}`)
 * await server.close()
 */
export async function serve(app: App, options?: ServeOptions): Promise<TsgiServer> {
  const resolved = resolveServeOptions(options)
  const state: HandlerState = { closing: false, pending: new Set() }
  const draining = new AbortController()
  // A non-function is left to createHandler, which names it in its TypeError.
  const served = typeof app === 'function' ? withShutdownSignal(app, draining.signal) : app
  const handle = createHandler('serve()', served, resolved, state)
  const { headersTimeout, requestTimeout, keepAliveTimeout } = resolved
  const server = createServer({
    maxHeaderSize: MAX_HEADER_SIZE,
    headersTimeout,
    requestTimeout,
    keepAliveTimeout,
    connectionsCheckingInterval: CHECK_INTERVAL,
    requireHostHeader: true,
  })
  server.keepAliveTimeout = keepAliveTimeout
  // One past the limit, so the handler can tell "too many" from "exactly the limit" and answer 431.
  server.maxHeadersCount = resolved.maxHeaderCount + 1
  server.on('request', (req, res) => handle(req, res, false))
  server.on('checkContinue', (req, res) => handle(req, res, true))
  server.on('clientError', onClientError)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port, address, family } = server.address() as AddressInfo
  const host = family === 'IPv6' ? `[${address}]` : address

  let closing: Promise<void> | undefined
  let uninstall: (() => void) | undefined
  let hurry: (() => void) | undefined
  const close = (): Promise<void> => {
    closing ??= drain(draining, resolved, (skip) => (hurry = skip))
      .then(() => shutdown(server, state, resolved.shutdownTimeout))
      .finally(() => uninstall?.())
    return closing
  }
  if (resolved.signals) uninstall = installSignals(close, server, () => hurry?.())
  return { port, url: `http://${host}:${port}`, server, close }
}

/**
 * Reports not-ready (aborts `tsgi.shutdown`), then keeps serving for `drainDelay`, so a load
 * balancer sees the failing readiness probe and stops sending before connections are refused.
 */
function drain(
  draining: AbortController,
  resolved: ResolvedServeOptions,
  onSkip: (skip: () => void) => void,
): Promise<void> {
  draining.abort()
  if (resolved.drainDelay === 0) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, resolved.drainDelay)
    onSkip(() => {
      clearTimeout(timer)
      resolve()
    })
  })
}

async function shutdown(server: Server, state: HandlerState, timeout: number): Promise<void> {
  state.closing = true
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeIdleConnections()
  // A connection that finishes its response afterwards goes idle; close those as they appear.
  const sweep = setInterval(() => server.closeIdleConnections(), 50)
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      server.closeAllConnections()
      resolve()
    }, timeout)
  })
  await Promise.race([closed, deadline])
  clearInterval(sweep)
  // Bodies' close() promises (spec §5.4) are part of the shutdown, within the same deadline.
  await Promise.race([Promise.allSettled([...state.pending]), deadline])
  clearTimeout(timer)
}

/**
 * SIGTERM/SIGINT close gracefully; a second signal while closing ends the drain delay and cuts
 * every connection at once.
 */
function installSignals(close: () => Promise<void>, server: Server, hurry: () => void): () => void {
  let received: NodeJS.Signals | undefined
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received !== undefined) {
      hurry()
      server.closeAllConnections()
      return
    }
    received = signal
    close().then(() => {
      // Raise it again with our handler gone, so the process ends as the signal says.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
    })
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
  return () => {
    process.off('SIGTERM', onSignal)
    process.off('SIGINT', onSignal)
  }
}
