// The middleware behind @tsgi/node over a real socket on 127.0.0.1: the error page as a client
// receives it, and a failure after the first chunk cutting the connection.
import { connect } from 'node:net'
import type { App } from '@tsgi/core'
import { exceptionMiddleware, NotFound } from '@tsgi/exceptions'
import { serve, type TsgiServer } from '@tsgi/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const encoder = new TextEncoder()
const logged: string[] = []
let closed = 0

const routes: App = (environ, startResponse) => {
  switch (environ.PATH_INFO) {
    case '/throw':
      throw new Error('database password is hunter2 <script>')
    case '/missing':
      throw new NotFound('No such thing')
    case '/before-first-chunk':
      startResponse('200 OK', [['content-type', 'text/plain']])
      return Object.assign(
        (async function* () {
          yield new Uint8Array(0)
          throw new Error('failed before any byte')
        })(),
        { close: () => void closed++ },
      )
    case '/after-first-chunk':
      startResponse('200 OK', [['content-type', 'text/plain']])
      return Object.assign(
        (async function* () {
          yield encoder.encode('first chunk')
          await new Promise((resolve) => setTimeout(resolve, 10))
          throw new Error('failed after the headers went out')
        })(),
        { close: () => void closed++ },
      )
    case '/after-first-chunk-sync':
      startResponse('200 OK', [['content-type', 'text/plain']])
      return Object.assign(
        (function* () {
          yield encoder.encode('first chunk')
          throw new Error('failed after the headers went out')
        })(),
        { close: () => void closed++ },
      )
    default:
      startResponse('200 OK', [['content-type', 'text/plain']])
      return [encoder.encode('fine')]
  }
}

let production: TsgiServer
let debug: TsgiServer

beforeAll(async () => {
  const errors = { write: (text: string) => void logged.push(text) }
  production = await serve(exceptionMiddleware(routes), { port: 0, host: '127.0.0.1', errors, signals: false })
  debug = await serve(exceptionMiddleware(routes, { debug: true }), {
    port: 0,
    host: '127.0.0.1',
    errors,
    signals: false,
  })
})

afterAll(async () => {
  await Promise.all([production?.close(), debug?.close()])
})

/** Sends one raw request and resolves with every byte the server sent until it closed. */
function rawRequest(server: TsgiServer, path: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1')
    const received: Buffer[] = []
    const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`)
    socket.setTimeout(5000, () => socket.destroy(new Error('timed out')))
    socket.on('data', (chunk: Buffer) => received.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(Buffer.concat(received).toString('latin1')))
    socket.write(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n${extra.join('')}\r\n`)
  })
}

const bodyOf = (raw: string): string => raw.slice(raw.indexOf('\r\n\r\n') + 4)

describe('exceptionMiddleware(app) behind @tsgi/node', () => {
  it('answers a synchronous throw with a bare 500 and logs the stack to tsgi.errors', async () => {
    const raw = await rawRequest(production, '/throw')
    expect(raw).toMatch(/^HTTP\/1\.1 500 Internal Server Error\r\n/)
    expect(raw).toMatch(/\r\ncontent-type: text\/plain; charset=utf-8\r\n/i)
    expect(bodyOf(raw)).toBe('500 Internal Server Error\n')
    expect(raw).not.toContain('hunter2')
    expect(logged.join('')).toMatch(/\[tsgi\] GET \/throw: Error: database password is hunter2 <script>\n\s+at /)
  })

  it('answers each content type the client asks for', async () => {
    const json = await rawRequest(production, '/missing', { accept: 'application/json' })
    expect(JSON.parse(bodyOf(json))).toEqual({ error: { status: 404, message: 'No such thing' } })
    const html = await rawRequest(production, '/missing', { accept: 'text/html' })
    expect(html).toMatch(/\r\ncontent-type: text\/html; charset=utf-8\r\n/i)
    expect(bodyOf(html)).toContain('<h1>404 Not Found</h1>\n<p>No such thing</p>')
  })

  it('shows the stack, escaped, in debug mode', async () => {
    const raw = await rawRequest(debug, '/throw', { accept: 'text/html' })
    expect(raw).toMatch(/^HTTP\/1\.1 500 /)
    expect(bodyOf(raw)).toContain('hunter2 &lt;script&gt;')
    expect(bodyOf(raw)).not.toContain('<script>')
    expect(bodyOf(raw)).toContain('GET /throw HTTP/1.1')
  })

  it('replaces a 200 with the error page when the body fails before its first chunk', async () => {
    const before = closed
    const raw = await rawRequest(production, '/before-first-chunk')
    expect(raw).toMatch(/^HTTP\/1\.1 500 Internal Server Error\r\n/)
    expect(bodyOf(raw)).toBe('500 Internal Server Error\n')
    expect(closed - before).toBe(1)
  })

  it('cuts the connection when an async body fails after the headers went out, leaving a truncated response', async () => {
    const before = closed
    const raw = await rawRequest(production, '/after-first-chunk')
    expect(raw).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(raw).toMatch(/\r\ntransfer-encoding: chunked\r\n/i)
    expect(raw).toContain('first chunk')
    // No last-chunk marker: the client can tell the response is incomplete.
    expect(raw.endsWith('0\r\n\r\n')).toBe(false)
    expect(raw).not.toContain('Internal Server Error')
    expect(logged.join('')).toContain('Error: failed after the headers went out')
    expect(closed - before).toBe(1)
  })

  it('cuts the connection when a sync body fails after its first chunk, never sending an error page', async () => {
    const before = closed
    const logsBefore = logged.length
    const raw = await rawRequest(production, '/after-first-chunk-sync')
    // The server pulls a sync body in one go, so the cut may come before the first bytes were
    // flushed: the client gets a truncated response or none, never a complete one.
    expect(raw.endsWith('0\r\n\r\n')).toBe(false)
    expect(raw).not.toContain('Internal Server Error')
    expect(logged.slice(logsBefore).join('')).toContain('Error: failed after the headers went out')
    expect(closed - before).toBe(1)
  })

  it('passes an array body through, so the server still sends its Content-Length', async () => {
    const raw = await rawRequest(production, '/')
    expect(raw).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(raw).toMatch(/\r\ncontent-length: 4\r\n/i)
    expect(bodyOf(raw)).toBe('fine')
  })
})
