// Starting and stopping benchmark servers: each its own node process, pinned to core 0.
import { spawnNode } from './proc.mjs'

const running = new Set()

function stopAll() {
  for (const child of running) child.kill('SIGKILL')
}
process.on('exit', stopAll)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll()
    process.exit(130)
  })
}

/**
 * Starts `file` pinned to core 0 and waits (at most 15 s) for its `{ port }` line. Resolves
 * with `{ pid, url, stop() }`; rejects with the server's stderr if it exits or never says so.
 */
export function startServer(file) {
  const child = spawnNode(file, [], 0, { stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  return new Promise((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    const fail = (error) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      running.delete(child)
      reject(error)
    }
    const timer = setTimeout(() => fail(new Error(`no port announced in 15 s\n${stderr.trim()}`)), 15000)
    child.stderr.on('data', (data) => {
      stderr += data
    })
    child.on('exit', (code) => fail(new Error(`exited with ${code} before listening\n${stderr.trim()}`)))
    child.stdout.on('data', (data) => {
      stdout += data
      const newline = stdout.indexOf('\n')
      if (newline === -1) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      const { port } = JSON.parse(stdout.slice(0, newline))
      resolve({
        pid: child.pid,
        url: `http://127.0.0.1:${port}`,
        stderr: () => stderr,
        stop() {
          running.delete(child)
          child.kill('SIGKILL')
        },
      })
    })
  })
}
