import type { AddressInfo } from 'node:net'
import type { App } from '@tsgi/core'
import { type AnyServer, createListener, type Listener } from './create-listener.js'
import type { HandlerState } from './node-sink.js'
import { type ResolvedServeOptions, resolveServeOptions, type ServeOptions } from './options.js'
import { withShutdownSignal } from './shutdown-signal.js'

/** A running server, as {@link serve} resolves it. */
export interface TsgiServer {
  /** The port it listens on (the one picked when `port` was 0). */
  readonly port: number
  /** `http://host:port` (`https://` with `tls`), ready for a client; an IPv6 host is bracketed. */
  readonly url: string
  /** The underlying server: `node:http`, `node:https` with `tls`, `node:http2` with `http2`. */
  readonly server: AnyServer
  /**
   * Closes gracefully (spec §6.5): aborts `tsgi.shutdown` (readiness checks fail), keeps serving
   * for `drainDelay`, then stops accepting, lets in-flight requests finish (responses that
   * start now carry `Connection: close`), closes idle keep-alive connections at once, cuts the
   * rest after `shutdownTimeout`, and waits for pending `close()` promises of bodies. Idempotent.
   */
  close(): Promise<void>
}

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
  const listener = createListener(served, resolved, state)
  const server = listener.server

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
      .then(() => shutdown(listener, state, resolved.shutdownTimeout))
      .finally(() => uninstall?.())
    return closing
  }
  if (resolved.signals) uninstall = installSignals(close, listener, () => hurry?.())
  const scheme = resolved.tls === undefined ? 'http' : 'https'
  return { port, url: `${scheme}://${host}:${port}`, server, close }
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

async function shutdown(listener: Listener, state: HandlerState, timeout: number): Promise<void> {
  const { server } = listener
  state.closing = true
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  listener.closeIdle()
  // A connection that finishes its response afterwards goes idle; close those as they appear.
  const sweep = setInterval(() => listener.closeIdle(), 50)
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      listener.closeAll()
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
function installSignals(close: () => Promise<void>, listener: Listener, hurry: () => void): () => void {
  let received: NodeJS.Signals | undefined
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received !== undefined) {
      hurry()
      listener.closeAll()
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
