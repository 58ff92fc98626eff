import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

// The CLI as a user runs it: the built `tsgi` binary in a child process (global-setup.ts builds it).
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url))
const running = new Set<ChildProcess>()

export interface Run {
  child: ChildProcess
  out: () => string
  err: () => string
  exited: Promise<number | null>
}

/** Runs `tsgi …args` in `cwd` (the fixtures folder by default), collecting its output. */
export function tsgi(args: string[], cwd: string = fixtures): Run {
  const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  let out = ''
  let err = ''
  child.stdout?.on('data', (data) => (out += data))
  child.stderr?.on('data', (data) => (err += data))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  void exited.then(() => running.delete(child))
  return { child, out: () => out, err: () => err, exited }
}

/** Kills every command still running (an afterEach hook). */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL')
}

/** Waits until the command printed the URL it serves on; bounded. */
export async function listening(run: Run): Promise<string> {
  for (let tries = 0; tries < 200; tries++) {
    const match = /on (http:\/\/[^ \n]+)/.exec(run.out())
    if (match?.[1]) return match[1]
    if (run.child.exitCode !== null) throw new Error(`tsgi exited early: ${run.err()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`tsgi did not start: ${run.out()} ${run.err()}`)
}

/** Waits until the command's output holds `text`; bounded. */
export async function printed(run: Run, text: string, stream: 'out' | 'err' = 'out'): Promise<boolean> {
  for (let tries = 0; tries < 300 && !run[stream]().includes(text); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return run[stream]().includes(text)
}

/** A port nobody listens on right now (workers share a fixed port; port 0 is for one process). */
export async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return port
}
