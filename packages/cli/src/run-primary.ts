import cluster, { type Worker } from 'node:cluster'
import { watch } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { untilSignal } from './_internal/until-signal.js'
import type { CommandIO } from './command-io.js'
import type { ServeCommand } from './parse-serve-args.js'

/** What a worker tells the primary: it listens, or it could not start and why (one line). */
export type WorkerMessage =
  | { tsgi: 'listening'; url: string }
  | { tsgi: 'failed'; problem: string }
  | { tsgi: 'closed' }

/**
 * The primary of `tsgi serve --workers N` (or `--reload`): forks the workers, which share the
 * port, and keeps them running. A worker that cannot start at launch ends the command with exit 1
 * and its one-line problem; one that dies later is replaced. SIGHUP (and, with `--reload`, a
 * changed file) is a rolling restart: one worker at a time, a new one listens before the old one
 * drains, so the port never stops answering. SIGTERM and SIGINT drain every worker, then resolve 0.
 */
export async function runPrimary(command: ServeCommand, io: CommandIO): Promise<number> {
  const workers = new Set<Worker>()
  const retiring = new WeakSet<Worker>()
  let stopping = false
  let url = ''
  let finish: () => void = () => {}
  const finished = new Promise<void>((resolve) => (finish = resolve))

  const stopAll = (): void => {
    stopping = true
    for (const worker of workers) worker.process.kill('SIGTERM')
    if (workers.size === 0) finish()
  }

  /** Forks one worker; resolves with it once it listens, or with its problem if it exits first. */
  const fork = (): Promise<Worker | string> => {
    if (stopping) return Promise.resolve('the command is stopping')
    const worker = cluster.fork()
    workers.add(worker)
    let listened = false
    return new Promise((settle) => {
      let problem = `worker ${worker.process.pid} exited before it listened`
      worker.on('message', (message: WorkerMessage) => {
        if (message?.tsgi === 'failed') problem = message.problem
        // The worker's server is closed; answering once more flushes connections in flight to it.
        if (message?.tsgi === 'closed' && worker.isConnected()) worker.send({ tsgi: 'bye' })
        if (message?.tsgi === 'listening') {
          listened = true
          url = message.url
          settle(worker)
        }
      })
      worker.on('exit', (code, signal) => {
        workers.delete(worker)
        if (stopping) {
          settle('the command is stopping')
          return workers.size === 0 ? finish() : undefined
        }
        if (!listened) return settle(problem)
        if (retiring.has(worker)) return
        io.err(`tsgi: worker ${worker.process.pid} died (${signal ?? `exit code ${code}`}); starting another\n`)
        void fork().then((started) => typeof started === 'string' && io.err(`tsgi: ${started}\n`))
      })
    })
  }

  // From here on SIGTERM and SIGINT drain the workers, also while they are starting.
  void untilSignal().then(() => {
    if (!stopping) io.out('tsgi: shutting down gracefully\n')
    stopAll()
  })
  const started = await Promise.all(Array.from({ length: command.workers }, fork))
  const problem = started.find((result): result is string => typeof result === 'string')
  if (stopping) {
    await finished
    return 0
  }
  if (problem !== undefined) {
    io.err(`tsgi: ${problem}\n`)
    stopAll()
    await finished
    return 1
  }
  io.out(
    `tsgi: serving ${command.module}:${command.exportName} on ${url} with ${command.workers} worker(s) (primary pid ${process.pid})\n`,
  )

  const restart = rollingRestart(workers, retiring, fork, io)
  const onHangup = (): void => restart('SIGHUP')
  process.on('SIGHUP', onHangup)
  const watcher = command.reload ? watchForChanges(command, io, restart) : undefined
  await finished
  process.off('SIGHUP', onHangup)
  watcher?.close()
  return 0
}

/**
 * Replaces the workers one at a time: fork a new one, wait until it listens, then SIGTERM the old
 * one and wait until it has drained and exited. A new worker that cannot start stops the restart
 * and keeps the old workers serving. A restart asked for during one runs after it.
 */
function rollingRestart(
  workers: Set<Worker>,
  retiring: WeakSet<Worker>,
  fork: () => Promise<Worker | string>,
  io: CommandIO,
): (reason: string) => void {
  let running: Promise<void> | undefined
  let again = false
  const roll = async (reason: string): Promise<void> => {
    const old = [...workers]
    io.out(`tsgi: ${reason}: restarting ${old.length} worker(s) one at a time\n`)
    for (const worker of old) {
      const fresh = await fork()
      if (typeof fresh === 'string') {
        io.err(`tsgi: ${fresh}; the restart stopped, the running workers keep serving\n`)
        return
      }
      retiring.add(worker)
      const exited = new Promise((resolve) => worker.once('exit', resolve))
      worker.process.kill('SIGTERM')
      await exited
    }
    io.out('tsgi: restart done\n')
  }
  return function restart(reason) {
    if (running !== undefined) {
      again = true
      return
    }
    running = roll(reason).finally(() => {
      running = undefined
      if (again) {
        again = false
        restart(reason)
      }
    })
  }
}

/** --reload: a change under the module's folder asks for a rolling restart, one debounce later. */
function watchForChanges(command: ServeCommand, io: CommandIO, restart: (reason: string) => void) {
  const folder = dirname(resolve(io.cwd, command.module))
  let timer: NodeJS.Timeout | undefined
  return watch(folder, { recursive: true }, () => {
    clearTimeout(timer)
    timer = setTimeout(() => restart(`a file under ${folder} changed`), 100)
  })
}
