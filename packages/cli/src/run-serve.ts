import cluster, { type Worker } from 'node:cluster'
import { watch } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { accessLog } from '@tsgi/access-log'
import { serve, type TsgiServer } from '@tsgi/node'
import { proxyFix } from '@tsgi/proxy-fix'
import { LoadError, loadApp } from './load-app.js'
import type { ServeCommand } from './parse-serve-args.js'

/** Where the command writes: the access log and notices to `out`, problems to `err`. */
export interface CommandIO {
  out: (text: string) => void
  err: (text: string) => void
  cwd: string
}

/** Exit code of a worker that could not start (bad module, port in use): not worth restarting. */
const EXIT_STARTUP_FAILED = 3

/**
 * Runs `tsgi serve`: in this process when one worker and no reload were asked for, otherwise as
 * the primary of a `node:cluster` whose workers share the port, restarting a worker that dies and,
 * with `--reload`, all of them when a file changes. SIGTERM and SIGINT close every server
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

/** Loads the app and listens; a failure is reported on `err` and yields `undefined`. */
async function start(command: ServeCommand, io: CommandIO): Promise<TsgiServer | undefined> {
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
    io.err(`tsgi: ${startupProblem(error, command)}\n`)
    return undefined
  }
}

async function runSingle(command: ServeCommand, io: CommandIO): Promise<number> {
  const server = await start(command, io)
  if (server === undefined) return 1
  io.out(`tsgi: serving ${command.module}:${command.exportName} on ${server.url} (pid ${process.pid})\n`)
  await untilSignal()
  io.out('tsgi: shutting down gracefully\n')
  await server.close()
  return 0
}

async function runWorker(command: ServeCommand, io: CommandIO): Promise<number> {
  const server = await start(command, io)
  if (server === undefined) return EXIT_STARTUP_FAILED
  process.send?.({ tsgi: 'listening', url: server.url })
  await untilSignal()
  await server.close()
  // The IPC channel to the primary would keep this process alive; closing it lets it exit.
  process.disconnect?.()
  return 0
}

async function runPrimary(command: ServeCommand, io: CommandIO): Promise<number> {
  let stopping = false
  let listening = 0
  let failure: number | undefined
  const workers = new Set<Worker>()
  const replacing = new WeakSet<Worker>()
  const fork = (): void => {
    const worker = cluster.fork()
    workers.add(worker)
    worker.on('message', (message: { tsgi?: string; url?: string }) => {
      // Announced once every first-generation worker listens, so the port is served from then on.
      if (message?.tsgi === 'listening' && ++listening === command.workers) {
        io.out(
          `tsgi: serving ${command.module}:${command.exportName} on ${message.url} with ${command.workers} worker(s) (primary pid ${process.pid})\n`,
        )
      }
    })
    worker.on('exit', (code, signal) => {
      workers.delete(worker)
      if (stopping) return
      if (code === EXIT_STARTUP_FAILED) {
        failure = 1
        stopAll()
        return
      }
      if (!replacing.has(worker)) {
        io.err(`tsgi: worker ${worker.process.pid} died (${signal ?? `exit code ${code}`}); starting another\n`)
      }
      fork()
    })
  }
  const stopAll = (): void => {
    stopping = true
    for (const worker of workers) worker.process.kill('SIGTERM')
  }
  for (let index = 0; index < command.workers; index++) fork()
  const watcher = command.reload ? watchForReload(command, io, workers, replacing) : undefined
  const signalled = untilSignal().then(() => {
    if (!stopping) io.out('tsgi: shutting down gracefully\n')
    stopAll()
  })
  await Promise.race([signalled, new Promise<void>((r) => cluster.on('exit', () => stopping && r()))])
  watcher?.close()
  while (workers.size > 0) await new Promise((r) => cluster.once('exit', r))
  return failure ?? 0
}

/** --reload: a change under the module's folder replaces every worker, one debounce later. */
function watchForReload(command: ServeCommand, io: CommandIO, workers: Set<Worker>, replacing: WeakSet<Worker>) {
  const folder = dirname(resolve(io.cwd, command.module))
  let timer: NodeJS.Timeout | undefined
  return watch(folder, { recursive: true }, () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      io.out(`tsgi: a file under ${folder} changed; restarting the workers\n`)
      for (const worker of workers) {
        replacing.add(worker) // closed on purpose: the exit handler forks a fresh one, quietly
        worker.process.kill('SIGTERM')
      }
    }, 100)
  })
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', on)
      process.off('SIGINT', on)
      resolve(signal)
    }
    process.on('SIGTERM', on)
    process.on('SIGINT', on)
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
