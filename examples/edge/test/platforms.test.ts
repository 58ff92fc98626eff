import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { bundle, type Launched, launch, type Runtime } from '../../../test/runtimes/launch.js'

// Each entry on its own runtime, from the binaries test/runtimes installs: the Worker module on
// workerd with wrangler.toml's compatibility date, src/deno.ts on Deno, src/bun.ts on Bun.
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url))
const ENTRIES: ReadonlyArray<[Runtime, string, string]> = [
  ['workerd', '../src/worker.ts', 'Cloudflare Workers, one of many copies; you are unknown'],
  ['deno', '../src/deno.ts', 'Deno, a single process; you are 127.0.0.1'],
  ['bun', '../src/bun.ts', 'Bun, a single process; you are 127.0.0.1'],
]

const dir = await mkdtemp(join(tmpdir(), 'tsgi-edge-'))
afterAll(() => rm(dir, { recursive: true, force: true }))
const compatibilityDate = /^compatibility_date = "([^"]+)"/m.exec(await readFile(here('../wrangler.toml'), 'utf8'))?.[1]

describe.each(ENTRIES)('the %s entry', (runtime, entry, greeting) => {
  let server: Launched
  afterAll(() => server?.close())

  it('serves the app on its runtime', async () => {
    const script = await bundle(here(entry), join(dir, `${runtime}.mjs`))
    server = await launch(runtime, script, compatibilityDate === undefined ? {} : { compatibilityDate })
    const home = await fetch(`${server.url}/`)
    expect(home.status).toBe(200)
    expect(await home.text()).toBe(`Hello from ${greeting}\n`)
    const echo = await fetch(`${server.url}/echo`, {
      method: 'POST',
      body: 'ping',
      headers: { 'content-type': 'text/plain' },
    })
    expect(await echo.text()).toBe('ping')
    expect(echo.headers.get('content-type')).toBe('text/plain')
    expect(await (await fetch(`${server.url}/count/3`)).text()).toBe('1\n2\n3\n')
    expect((await fetch(`${server.url}/echo`, { method: 'POST', body: 'x'.repeat(64 * 1024 + 1) })).status).toBe(413)
    expect((await fetch(`${server.url}/nope`)).status).toBe(404)
  }, 30_000)
})
