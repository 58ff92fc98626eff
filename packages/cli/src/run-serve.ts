import cluster from 'node:cluster'
import { accessLog } from '@tsgi/access-log'
import { serve, type TsgiServer } from '@tsgi/node'
import { proxyFix } from '@tsgi/proxy-fix'
import { untilSignal } from './_internal/until-signal.js'
import type { CommandIO } from './command-io.js'
import { LoadError, loadApp } from './load-app.js'
import type { ServeCommand } from './parse-serve-args.js'
import { runPrimary, type WorkerMessage } from './run-primary.js'

/**
 * Runs `tsgi serve`: in this process when one worker and no reload were asked for, otherwise as
 * the primary of a `node:cluster` whose workers share the port (see `runPrimary`: replaced when
 * one dies, rolling restarts on SIGHUP and with `--reload`). SIGTERM and SIGINT close every server
 * gracefully: in-flight requests finish, then the processes exit. Resolves with the exit code.
 *
 * @example
 * process.exitCode = await runServe(parseServeArgs(['serve', './app.js']) as ServeCommand, io)
 */
export async function runServe(command: ServeCommand, io: CommandIO): Promise<number> {
  if (cluster.isWorker) return runWorker(command, io)
  if (command.workers === 1 && !command.reload) return runSingle(command, io)
  return runPrimary(command, io)
}

/** Loads the app and listens; a failure yields the one-line problem instead. */
async function start(command: ServeCommand, io: CommandIO): Promise<TsgiServer | string> {
  try {
    const app = await loadApp(command.module, command.exportName, io.cwd)
    // The access log is the @tsgi/access-log middleware, outermost: it sees every response the app gives.
    const logged = command.quiet ? app : accessLog(app, { write: io.out })
    // proxyFix outside the log, so the log (and the app) see the client's address.
    const trusted = command.forwardedAllowIps
    const served = trusted === undefined ? logged : proxyFix(logged, { trusted })
    const { host, port, drainDelay, keepAliveTimeout } = command
    // Several workers run copies of the app side by side: tsgi.multiprocess tells the app (spec §2.4).
    return await serve(served, { host, port, drainDelay, keepAliveTimeout, multiprocess: command.workers > 1 })
  } catch (error) {
    return startupProblem(error, command)
  }
}

async function runSingle(command: ServeCommand, io: CommandIO): Promise<number> {
  const server = await start(command, io)
  if (typeof server === 'string') {
    io.err(`tsgi: ${server}\n`)
    return 1
  }
  io.out(`tsgi: serving ${command.module}:${command.exportName} on ${server.url} (pid ${process.pid})\n`)
  // A rolling restart needs workers to roll; in one process SIGHUP must not end the server.
  const onHangup = (): void => io.err('tsgi: SIGHUP ignored: restarts need --workers 2 or more, or --reload\n')
  process.on('SIGHUP', onHangup)
  await untilSignal()
  process.off('SIGHUP', onHangup)
  io.out('tsgi: shutting down gracefully\n')
  await server.close()
  return 0
}

/** A worker reports to the primary, which prints; it then leaves the cluster so it can exit. */
async function runWorker(command: ServeCommand, io: CommandIO): Promise<number> {
  // The primary decides about restarts; a hangup of the terminal's process group is its business.
  process.on('SIGHUP', () => {})
  const server = await start(command, io)
  const report = (message: WorkerMessage): void => void process.send?.(message)
  if (typeof server === 'string') {
    report({ tsgi: 'failed', problem: server })
    process.disconnect?.()
    return 1
  }
  report({ tsgi: 'listening', url: server.url })
  await untilSignal()
  await server.close()
  await farewell()
  // The IPC channel to the primary would keep this process alive; closing it lets it exit.
  process.disconnect?.()
  return 0
}

/**
 * Closing the server told the primary to stop handing this worker connections, but one it sent
 * before it read that may still be on the way, and a worker that left the channel would strand
 * it unanswered. The primary's reply to 'closed' comes after any such connection (the channel
 * keeps order), and node:cluster hands those back to the other workers.
 */
function farewell(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, 1000)
    function done(): void {
      clearTimeout(timer)
      process.off('message', onMessage)
      resolve()
    }
    function onMessage(message: { tsgi?: string }): void {
      if (message?.tsgi === 'bye') done()
    }
    process.on('message', onMessage)
    process.send?.({ tsgi: 'closed' } satisfies WorkerMessage)
  })
}

function startupProblem(error: unknown, command: ServeCommand): string {
  if (error instanceof LoadError) return error.message
  const code = (error as { code?: string }).code
  if (code === 'EADDRINUSE') return `port ${command.port} on ${command.host} is already in use`
  if (code === 'EACCES') return `no permission to listen on ${command.host}:${command.port}`
  if (code === 'EADDRNOTAVAIL') return `the address ${command.host} is not available on this machine`
  return (error as Error)?.stack ?? String(error)
}
