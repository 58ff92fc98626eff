import { mkdtemp, rm } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createAdaptorServer } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundle, type Launched, launch, type Runtime } from './launch.js'
import { portableHandler } from './portable-server.js'

// The portable table (cases.ts) served by @tsgi/fetch on each runtime, the requests and the
// expectations here, in Node. Node with @hono/node-server is the reference row.
const RUNTIMES: ReadonlyArray<Runtime | 'node'> = ['node', 'bun', 'deno', 'workerd']

let dir: string
let script: Promise<string>
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsgi-portable-'))
  script = bundle(fileURLToPath(new URL('./portable-server.ts', import.meta.url)), join(dir, 'portable-server.mjs'))
  await script
})
afterAll(() => rm(dir, { recursive: true, force: true }))

function onNode(): Promise<Launched> {
  const remoteAddress = (_request: Request, env: unknown) => {
    const socket = (env as { incoming: IncomingMessage }).incoming.socket
    return { address: socket.remoteAddress ?? '', port: socket.remotePort }
  }
  const server = createAdaptorServer({ fetch: portableHandler(remoteAddress) })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      const close = () => new Promise<void>((done) => server.close(() => done()))
      resolve({ url: `http://127.0.0.1:${port}`, close })
    })
  })
}

let runs = 0

describe.each(RUNTIMES)('@tsgi/fetch toFetchHandler() on %s: the portable conformance table', (runtime) => {
  let server: Launched
  beforeAll(async () => {
    server = runtime === 'node' ? await onNode() : await launch(runtime, await script)
  }, 30_000)
  afterAll(() => server?.close())

  /** Sends one request tagged with a fresh run id; `observed()` reads what the server side saw. */
  async function send(path: string, init: RequestInit = {}) {
    const run = `run${++runs}`
    const headers = new Headers(init.headers)
    headers.set('x-run', run)
    const response = await fetch(`${server.url}${path}`, { ...init, headers, redirect: 'manual' })
    const body = new Uint8Array(await response.arrayBuffer())
    const observed = async (): Promise<string[]> =>
      (await fetch(`${server.url}/__observed/${run}`)).json() as Promise<string[]>
    return { response, body, text: new TextDecoder().decode(body), observed }
  }
  /** Waits until the server side has logged `event`, then returns everything it logged. */
  async function until(observed: () => Promise<string[]>, event: string): Promise<string[]> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const events = await observed()
      if (events.some((seen) => seen.startsWith(event))) return events
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    return observed()
  }

  it('builds the environ from the request: SCRIPT_NAME, PATH_INFO, query, headers (spec §2)', async () => {
    const { response, text } = await send('/environ/a/b?x=1&y=%20', { headers: { 'x-thing': 'a' } })
    const environ = JSON.parse(text)
    expect(response.status).toBe(200)
    expect(environ).toMatchObject({
      REQUEST_METHOD: 'GET',
      SCRIPT_NAME: '/environ',
      PATH_INFO: '/a/b',
      QUERY_STRING: 'x=1&y=%20',
      SERVER_PROTOCOL: 'HTTP/1.1',
      HTTP_X_THING: 'a',
      'tsgi.url_scheme': 'http',
      version: [1, 0],
      aborted: false,
    })
    // workerd gives a Worker no peer address (the platform sends it as a header instead).
    expect(environ.REMOTE_ADDR).toBe(runtime === 'workerd' ? '' : '127.0.0.1')
  })

  it('streams a request body to the app, fixed-length and chunked, byte for byte (spec §3.1)', async () => {
    const big = Uint8Array.from({ length: 1 << 20 }, (_, index) => (index * 7) & 255)
    const fixed = await send('/echo', { method: 'POST', body: big })
    expect(Buffer.from(fixed.body).equals(Buffer.from(big))).toBe(true)
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of ['chunk', 'ed ', 'body']) controller.enqueue(new TextEncoder().encode(part))
        controller.close()
      },
    })
    const chunked = await send('/echo', { method: 'POST', body: stream, duplex: 'half' } as RequestInit)
    expect(chunked.text).toBe('chunked body')
  })

  it('answers 413 to a Content-Length over maxBodySize without calling the app (spec §6.4)', async () => {
    const { response, observed } = await send('/limited', { method: 'POST', body: '123456789' })
    expect(response.status).toBe(413)
    expect(await observed()).not.toContain('called')
  })

  it('makes the read reject with a 413 when a streamed body passes maxBodySize (spec §3.2)', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(6))
        controller.enqueue(new Uint8Array(6))
        controller.close()
      },
    })
    const { response, observed } = await send('/limited', { method: 'POST', body, duplex: 'half' } as RequestInit)
    expect(response.status).toBe(413)
    expect(await observed()).toContain('read failed 413')
  })

  it('sends an array body whole, with a Content-Length of the sum of its chunks (spec §5.5)', async () => {
    const { response, text } = await send('/array')
    expect(text).toBe('abcde')
    // workerd drops a Content-Length field set on a ReadableStream body and sends it chunked:
    // only its own FixedLengthStream, or a body of known length, keeps one.
    if (runtime !== 'workerd') expect(response.headers.get('content-length')).toBe('5')
  })

  it('pulls an iterable body to its end, then calls close() once and never return() (spec §5.4)', async () => {
    const { text, observed } = await send('/stream')
    expect(text).toBe('one two three')
    expect(await until(observed, 'close')).toEqual(['next one ', 'next two ', 'next three', 'done', 'close'])
  })

  it('streams an async body as it is produced', async () => {
    const { text, observed } = await send('/slow')
    expect(text).toBe('0;1;2;')
    expect(await observed()).toEqual(['chunk 0', 'chunk 1', 'chunk 2'])
  })

  it('passes every byte value through unchanged', async () => {
    const { body } = await send('/bytes')
    expect([...body]).toEqual(Array.from({ length: 256 }, (_, index) => index))
  })

  it('keeps repeated Set-Cookie fields apart (spec §4.2.5)', async () => {
    const { response } = await send('/cookies')
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/'])
    expect(response.headers.get('x-custom')).toBe('kept')
  })

  it('sends no body for HEAD and for 204, and still closes the body (spec §5.6)', async () => {
    const head = await send('/no-body', { method: 'HEAD' })
    expect(head.response.status).toBe(200)
    expect(head.body.byteLength).toBe(0)
    expect((await until(head.observed, 'close')).slice(-2)).toEqual(['return', 'close'])
    const empty = await send('/no-body/204')
    expect(empty.response.status).toBe(204)
    expect(empty.body.byteLength).toBe(0)
    expect((await until(empty.observed, 'close')).slice(-2)).toEqual(['return', 'close'])
  })

  it('answers a bare 500 to an app that throws, and logs the error to tsgi.errors (spec §6.2)', async () => {
    const { response, text, observed } = await send('/failing')
    expect(response.status).toBe(500)
    expect(text).not.toContain('secret detail')
    expect((await until(observed, 'log')).join('\n')).toContain('secret detail')
  })

  it('renders an HTTPError with its status, headers and exposed message (spec §6.2.1)', async () => {
    const { response, text } = await send('/http-error')
    expect(response.status).toBe(409)
    expect(response.headers.get('x-reason')).toBe('conflict')
    expect(text).toContain('Already there')
  })

  it('answers 500 to a chunk that is not a Uint8Array, and logs why (spec §5.1)', async () => {
    const { response, observed } = await send('/bad-chunk')
    expect(response.status).toBe(500)
    expect((await until(observed, 'log')).join('\n')).toContain('Uint8Array')
  })

  it('refuses a header value with CR LF with a 500 and never sends it (spec §4.2)', async () => {
    const { response, observed } = await send('/bad-header')
    expect(response.status).toBe(500)
    expect(response.headers.get('injected')).toBeNull()
    expect(response.headers.get('x-evil')).toBeNull()
    expect(await until(observed, 'log')).not.toEqual([])
  })
})
