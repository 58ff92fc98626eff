import { write, writeSync } from 'node:fs'
import type { ErrorStream } from '@tsgi/core'

/** Bytes a stream holds while the disk or pipe is slow; past it, lines are dropped and counted. */
const MAX_QUEUED = 1024 * 1024

/** The `tsgi.errors` stream, with `idle()` for the tests and for shutdown. */
export interface FdErrorStream extends ErrorStream {
  /** Resolves once everything written so far reached the file descriptor. */
  idle(): Promise<void>
}

/**
 * A `tsgi.errors` stream on a file descriptor whose `write` never blocks (spec §3.3.2):
 * `process.stderr` writes synchronously when standard error is a file or, on some systems, a
 * pipe, so a burst of errors would stall every request. Text is queued and written in order with
 * one asynchronous `fs.write` at a time; what is still queued when the process exits is written
 * synchronously then. Past 1 MiB queued, new lines are dropped and the count is written once the
 * queue drains, so a flood of errors cannot exhaust memory.
 */
export function fdErrorStream(fd: number): FdErrorStream {
  const queue: string[] = []
  let queued = 0
  let dropped = 0
  let writing = false
  let exitHook = false
  const waiters: (() => void)[] = []
  const flushSync = (): void => {
    try {
      if (queue.length > 0) writeSync(fd, queue.splice(0).join(''))
    } catch {
      // Nothing is left to report a failing log to.
    }
  }
  const pump = (): void => {
    if (dropped > 0 && queued === 0) {
      queue.push(`[tsgi] ${dropped} lines of tsgi.errors dropped: the log could not keep up\n`)
      dropped = 0
    }
    if (queue.length === 0) {
      writing = false
      for (const resolve of waiters.splice(0)) resolve()
      return
    }
    writing = true
    const text = queue.splice(0).join('')
    queued = 0
    write(fd, text, () => pump())
  }
  return {
    write(text: string): void {
      const line = String(text)
      if (queued + line.length > MAX_QUEUED) {
        dropped++
        return
      }
      if (!exitHook) {
        exitHook = true
        process.once('exit', flushSync)
      }
      queue.push(line)
      queued += line.length
      if (!writing) {
        writing = true
        queueMicrotask(pump)
      }
    },
    idle(): Promise<void> {
      if (!writing && queue.length === 0) return Promise.resolve()
      return new Promise((resolve) => waiters.push(resolve))
    },
  }
}

/** The default `tsgi.errors` of `serve()` and `toNodeHandler()`: standard error, never blocking. */
export const stderrErrors: FdErrorStream = fdErrorStream(2)
