// Real clients against compress() behind @tsgi/node on 127.0.0.1: curl --compressed, Python's
// urllib with gzip/zlib (and brotli where installed), and headless Chromium reading an event stream.
// The event stream is gated: the app sends event n+1 only once the client has shown it decoded
// event n, so a middleware that held the stream back would stall the test instead of passing it.
import { execFile, spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import * as zlib from 'node:zlib'
import { compress } from '@tsgi/compress'
import type { App } from '@tsgi/core'
import { lint } from '@tsgi/lint'
import { serve, type TsgiServer } from '@tsgi/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const encoder = new TextEncoder()
const text = JSON.stringify(Array.from({ length: 300 }, (_, id) => ({ id, name: `user ${id}` })))
const EVENTS = 5
const CHROMIUM = '/usr/bin/chromium'

/** Event n + 1 is released once a client has shown it decoded event n. */
function gate(): { wait(index: number): Promise<void>; saw(index: number): void } {
  const resolvers: (() => void)[] = []
  const waits = Array.from(
    { length: EVENTS },
    (_, index) => new Promise<void>((resolve) => (resolvers[index] = resolve)),
  )
  return { wait: (index) => waits[index]!, saw: (index) => resolvers[index]?.() }
}

const gates = new Map<string, ReturnType<typeof gate>>()
const routes: App = (environ, startResponse) => {
  if (environ.PATH_INFO === '/events') {
    const client = new URLSearchParams(environ.QUERY_STRING).get('client') ?? ''
    const gated = gates.get(client)
    startResponse('200 OK', [
      ['content-type', 'text/event-stream'],
      ['cache-control', 'no-cache'],
    ])
    return (async function* () {
      for (let index = 0; index < EVENTS; index++) {
        yield encoder.encode(`data: event ${index}\n\n`)
        if (gated) await gated.wait(index)
      }
    })()
  }
  if (environ.PATH_INFO === '/page') {
    startResponse('200 OK', [['content-type', 'text/html; charset=utf-8']])
    return [encoder.encode(PAGE)]
  }
  startResponse('200 OK', [['content-type', 'application/json']])
  return [encoder.encode(text)]
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>events</title><script>
window.received = []
const source = new EventSource('/events?client=chromium')
source.onmessage = (event) => window.received.push(event.data)
source.onerror = () => source.close()
</script>`

let server: TsgiServer
beforeAll(async () => {
  // lint on both sides: the server judges compress() as an app, and compress() as a server to routes.
  server = await serve(lint(compress(lint(routes))), { port: 0, host: '127.0.0.1' })
})
afterAll(async () => {
  await server?.close()
})

const run = (file: string, args: string[], input?: string) =>
  new Promise<{ stdout: Buffer; stderr: string }>((resolve, reject) => {
    const child = execFile(file, args, { encoding: 'buffer', timeout: 20_000 }, (error, stdout, stderr) =>
      error ? reject(error) : resolve({ stdout, stderr: stderr.toString() }),
    )
    if (input !== undefined) child.stdin!.end(input)
  })

/** Runs a client that prints one line per event, acknowledging each line as it arrives. */
async function followEvents(client: string, file: string, args: string[]): Promise<string[]> {
  const gated = gate()
  gates.set(client, gated)
  // Killed if it stalls, so a failing run leaves no client behind.
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'inherit'], timeout: 15_000 })
  const lines: string[] = []
  for await (const line of createInterface({ input: child.stdout })) {
    const match = /^data: event (\d+)$/.exec(line.trim())
    if (!match) continue
    lines.push(line.trim())
    gated.saw(Number(match[1]))
  }
  return lines
}

const expectedEvents = Array.from({ length: EVENTS }, (_, index) => `data: event ${index}`)
const installed = (command: string): boolean => spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0
const hasCurl = installed('curl')
const python = installed('python3') ? 'python3' : undefined
const hasZstd = typeof (zlib as { zstdCompressSync?: unknown }).zstdCompressSync === 'function'

function skipReason(missing: string): void {
  console.log(`skipped: ${missing} is not installed (.ci/run installs it with apt-get)`)
}

describe('curl --compressed', () => {
  if (!hasCurl) skipReason('curl')
  it.skipIf(!hasCurl).each(['gzip', 'br', 'deflate', ...(hasZstd ? ['zstd'] : [])])(
    'decodes %s and sees Content-Encoding and Vary',
    async (encoding) => {
      const { stdout } = await run('curl', [
        '-sS',
        '--compressed',
        '-D',
        '-',
        '-H',
        `accept-encoding: ${encoding}`,
        `${server.url}/`,
      ])
      const [head, body] = stdout.toString().split('\r\n\r\n')
      expect(head).toMatch(new RegExp(`^content-encoding: ${encoding}\\r?$`, 'mi'))
      expect(head).toMatch(/^vary: Accept-Encoding\r?$/im)
      expect(body).toBe(text)
    },
  )

  it.skipIf(!hasCurl)('follows an event stream, event by event, with -N', { timeout: 20_000 }, async () => {
    const lines = await followEvents('curl', 'curl', ['-sS', '-N', '--compressed', `${server.url}/events?client=curl`])
    expect(lines).toEqual(expectedEvents)
  })
})

const PYTHON_FETCH = `
import gzip, sys, urllib.request, zlib
encoding, url = sys.argv[1], sys.argv[2]
response = urllib.request.urlopen(urllib.request.Request(url, headers={'Accept-Encoding': encoding}))
data = response.read()
got = response.headers.get('Content-Encoding')
if got != encoding: sys.exit('expected %s, got %s' % (encoding, got))
if encoding == 'gzip': data = gzip.decompress(data)
elif encoding == 'deflate': data = zlib.decompress(data)
else:
    import brotli
    data = brotli.decompress(data)
sys.stdout.write(data.decode())
`
const PYTHON_EVENTS = `
import sys, urllib.request, zlib
response = urllib.request.urlopen(urllib.request.Request(sys.argv[1], headers={'Accept-Encoding': 'gzip'}))
if response.headers.get('Content-Encoding') != 'gzip': sys.exit('not gzip')
decoder, text = zlib.decompressobj(16 + zlib.MAX_WBITS), ''
while True:
    data = response.read1(65536)
    if not data: break
    text += decoder.decompress(data).decode()
    while '\\n\\n' in text:
        event, text = text.split('\\n\\n', 1)
        print(event, flush=True)
`

describe("Python's urllib with gzip, zlib and brotli", () => {
  if (!python) skipReason('python3')
  it.skipIf(!python).each(['gzip', 'deflate'])('decodes %s', async (encoding) => {
    const { stdout } = await run(python!, ['-c', PYTHON_FETCH, encoding, `${server.url}/`])
    expect(stdout.toString()).toBe(text)
  })

  it.skipIf(!python)('decodes br with the brotli module where it is installed', async () => {
    const probe = await run(python!, ['-c', 'import brotli']).then(
      () => true,
      () => false,
    )
    if (!probe) {
      console.log(
        "skipped: Python's brotli module is not installed (pip install brotli); gzip and deflate were checked",
      )
      return
    }
    const { stdout } = await run(python!, ['-c', PYTHON_FETCH, 'br', `${server.url}/`])
    expect(stdout.toString()).toBe(text)
  })

  it.skipIf(!python)('reads an event stream as it arrives, with zlib.decompressobj', { timeout: 20_000 }, async () => {
    const lines = await followEvents('python', python!, ['-c', PYTHON_EVENTS, `${server.url}/events?client=python`])
    expect(lines).toEqual(expectedEvents)
  })
})

describe('headless Chromium', () => {
  const hasChromium = existsSync(CHROMIUM)
  if (!hasChromium) skipReason('chromium')
  it.skipIf(!hasChromium)(
    'receives an event stream through EventSource event by event, compressed and decoded',
    async () => {
      const { chromium } = await import('playwright-core')
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      })
      try {
        const gated = gate()
        gates.set('chromium', gated)
        const page = await browser.newPage()
        const encodings: string[] = []
        page.on('response', (response) => {
          if (response.url().includes('/events')) encodings.push(response.headers()['content-encoding'] ?? 'none')
        })
        await page.goto(`${server.url}/page`)
        for (let index = 0; index < EVENTS; index++) {
          // Event n+1 is sent only after the page has decoded event n.
          await page.waitForFunction(
            (count) => (globalThis as unknown as { received: string[] }).received.length > count,
            index,
          )
          gated.saw(index)
        }
        const received = await page.evaluate(() => (globalThis as unknown as { received: string[] }).received)
        expect(received).toEqual(expectedEvents.map((line) => line.slice('data: '.length)))
        expect(encodings[0]).toMatch(/^(br|gzip|zstd)$/)
      } finally {
        await browser.close()
      }
    },
    30_000,
  )
})
