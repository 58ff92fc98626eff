import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort, killAll, listening, tsgi } from './run-tsgi.js'

afterEach(killAll)

describe('tsgi serve <module>[:export]', () => {
  it('serves the default export and writes a common-log-format line per request', async () => {
    const run = tsgi(['serve', './app.mjs', '--port', '0'])
    const url = await listening(run)
    const response = await fetch(`${url}/some/path`)
    expect(await response.text()).toMatch(/^default \/some\/path false \d+\n$/)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(run.out()).toMatch(
      /127\.0\.0\.1 - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/some\/path HTTP\/1\.1" 200 \d+\n/,
    )
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
  })

  it("with --forwarded-allow-ips, logs the client's address a trusted proxy reports", async () => {
    const run = tsgi(['serve', './app.mjs', '--port', '0', '--forwarded-allow-ips', '127.0.0.1'])
    const url = await listening(run)
    await (await fetch(`${url}/p`, { headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' } })).text()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(run.out()).toMatch(/^203\.0\.113\.7 - - \[.*"GET \/p HTTP\/1\.1" 200 /m)
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
  })

  it('serves a named export, quietly with --quiet', async () => {
    const run = tsgi(['serve', './app.mjs:hello', '--port', '0', '--quiet'])
    const url = await listening(run)
    expect(await (await fetch(url)).text()).toBe('hello export\n')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(run.out()).not.toContain('"GET')
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
  })

  it('lets an in-flight request finish on SIGTERM, then exits 0', async () => {
    const run = tsgi(['serve', './app.mjs:slow', '--port', '0'])
    const url = await listening(run)
    const pending = fetch(url).then((response) => response.text())
    await new Promise((resolve) => setTimeout(resolve, 100))
    run.child.kill('SIGTERM')
    expect(await pending).toBe('finished\n')
    expect(await run.exited).toBe(0)
  })

  it('with --drain-delay, reports shutting down and keeps serving new connections on SIGTERM, then exits 0', async () => {
    const run = tsgi(['serve', './app.mjs:shutdown', '--port', '0', '--drain-delay', '600', '--quiet'])
    const url = await listening(run)
    const fresh = () => fetch(url, { headers: { connection: 'close' } }).then((response) => response.text())
    expect(await fresh()).toBe('shutting down: false\n')
    run.child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(await fresh()).toBe('shutting down: true\n')
    expect(await run.exited).toBe(0)
    await expect(fresh()).rejects.toThrow()
  })

  it('runs worker processes, starts another when one dies, and stops them all on SIGTERM', async () => {
    const run = tsgi(['serve', './app.mjs', '--port', String(await freePort()), '--workers', '2', '--quiet'])
    const url = await listening(run)
    const pidOf = async (): Promise<number> => Number((await (await fetch(url)).text()).trim().split(' ').pop())
    expect(await (await fetch(url)).text()).toContain(' true ') // tsgi.multiprocess with workers
    const victim = await pidOf()
    expect(victim).not.toBe(run.child.pid)
    process.kill(victim, 'SIGKILL')
    for (let tries = 0; tries < 100 && !run.err().includes('starting another'); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(run.err()).toContain(`worker ${victim} died`)
    const survivors = new Set<number>()
    for (let index = 0; index < 6; index++) survivors.add(await pidOf())
    expect(survivors.has(victim)).toBe(false)
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
  }, 30_000)

  it('restarts the workers with the new code when a file changes under --reload', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tsgi-reload-'))
    const write = (word: string): void =>
      writeFileSync(
        join(folder, 'app.mjs'),
        `export default (e, start) => { start('200 OK', [['content-type', 'text/plain']]); return [new TextEncoder().encode('${word}')] }\n`,
      )
    write('before')
    const run = tsgi(['serve', './app.mjs', '--port', String(await freePort()), '--reload', '--quiet'], folder)
    const url = await listening(run)
    expect(await (await fetch(url)).text()).toBe('before')
    write('after')
    let text = 'before'
    for (let tries = 0; tries < 100 && text !== 'after'; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      text = await fetch(url).then(
        (response) => response.text(),
        () => text,
      )
    }
    expect(text).toBe('after')
    expect(run.out()).toContain('restarting 1 worker(s) one at a time')
    expect(run.err()).not.toContain('died')
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
    rmSync(folder, { recursive: true, force: true })
  }, 30_000)

  it.each([
    [['serve', './missing.mjs', '--port', '0'], /cannot find module \.\/missing\.mjs/],
    [
      ['serve', './app.mjs:nope', '--port', '0'],
      /no export named "nope" \(its exports: default, hello, notAnApp, shutdown, slow\)/,
    ],
    [
      ['serve', './app.mjs:notAnApp', '--port', '0'],
      /export "notAnApp" of \.\/app\.mjs is not an app: expected a function/,
    ],
  ])('exits 1 with a clear message for %j', async (args, message) => {
    const run = tsgi(args)
    expect(await run.exited).toBe(1)
    expect(run.err()).toMatch(message)
  })

  it('exits 1 when the port is in use', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as { port: number }
    const run = tsgi(['serve', './app.mjs', '--port', String(port)])
    expect(await run.exited).toBe(1)
    expect(run.err()).toContain(`port ${port} on 127.0.0.1 is already in use`)
    blocker.close()
  })

  it('prints the usage for --help, and exits 2 with it for a bad command line', async () => {
    const help = tsgi(['--help'])
    expect(await help.exited).toBe(0)
    expect(help.out()).toContain('Usage: tsgi serve <module>[:export]')
    const bad = tsgi(['serve', './app.mjs', '--port', 'eighty'])
    expect(await bad.exited).toBe(2)
    expect(bad.err()).toContain('--port must be a whole number from 0 to 65535, got "eighty"')
  })
})
