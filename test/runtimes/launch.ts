import { type ChildProcess, spawn } from 'node:child_process'
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/** The runtimes whose binaries are devDependencies of this package (test/runtimes/package.json). */
export type Runtime = 'bun' | 'deno' | 'workerd'

const require = createRequire(import.meta.url)
const root = fileURLToPath(new URL('../..', import.meta.url))
const BINARIES: Record<Runtime, [pkg: string, path: string]> = {
  bun: ['@oven/bun-linux-x64', 'bin/bun'],
  deno: ['@deno/linux-x64-glibc', 'deno'],
  workerd: ['@cloudflare/workerd-linux-64', 'bin/workerd'],
}

/** The path of a runtime's binary, as `pnpm install` put it. */
export function runtimeBinary(runtime: Runtime): string {
  const [pkg, path] = BINARIES[runtime]
  return join(dirname(require.resolve(`${pkg}/package.json`)), path)
}

/**
 * Bundles a TypeScript entry into one ES module for another runtime; workspace packages come from
 * their sources through the root tsconfig's `paths`, as in the repository's own tests.
 */
export async function bundle(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'error',
  })
  return outfile
}

/** A server of one runtime, started by {@link launch}. */
export interface Launched {
  url: string
  /** Stops the process and waits for it to exit. */
  close(): Promise<void>
}

/**
 * Starts `script` (a bundled ES module) on `runtime` and resolves once it listens on 127.0.0.1.
 * Bun and Deno run it as their program, with `PORT=0`, and it prints `listening <port>`; workerd loads its default
 * export as a Workers module, with `compatibilityDate` and `compatibilityFlags` as given.
 */
export async function launch(
  runtime: Runtime,
  script: string,
  worker: { compatibilityDate?: string; compatibilityFlags?: string[] } = {},
): Promise<Launched> {
  if (runtime !== 'workerd') {
    const args = runtime === 'bun' ? ['run', script] : ['run', '--allow-net', '--allow-env', script]
    const env = { ...process.env, PORT: '0', HOST: '127.0.0.1' }
    const child = spawn(runtimeBinary(runtime), args, { stdio: ['ignore', 'pipe', 'inherit'], env })
    const port = await listeningPort(child)
    return { url: `http://127.0.0.1:${port}`, close: () => stop(child) }
  }
  const dir = await mkdtemp(join(tmpdir(), 'tsgi-workerd-'))
  const port = await freePort()
  // A capnp embed reads a path relative to the config file.
  await copyFile(script, join(dir, 'worker.mjs'))
  const flags = (worker.compatibilityFlags ?? []).map((flag) => JSON.stringify(flag)).join(', ')
  await writeFile(
    join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.mjs")],
  compatibilityDate = ${JSON.stringify(worker.compatibilityDate ?? '2026-11-01')},
  compatibilityFlags = [${flags}],
);
`,
  )
  const child = spawn(runtimeBinary('workerd'), ['serve', join(dir, 'config.capnp')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  await waitForPort(port, child)
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await stop(child)
      await rm(dir, { recursive: true, force: true })
    },
  }
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (data: Buffer) => {
      out += data.toString()
      const match = /listening (\d+)/.exec(out)
      if (match) resolve(Number(match[1]))
    })
    child.once('exit', (code) => reject(new Error(`the server exited (code ${code}) before listening: ${out}`)))
  })
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  let exited: number | null | undefined
  child.once('exit', (code) => {
    exited = code
  })
  for (let attempt = 0; attempt < 200; attempt++) {
    if (exited !== undefined) throw new Error(`workerd exited (code ${exited}) before listening`)
    try {
      await fetch(`http://127.0.0.1:${port}/`)
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  throw new Error(`workerd did not listen on port ${port} within 10 s`)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}
