// timeout() behind @tsgi/node over a real socket on 127.0.0.1: a 503 before the commit, and a
// cut connection after it, as a client receives them. Real timers, a deadline of 50 ms.
import { connect } from 'node:net'
import type { App, Environ } from '@tsgi/core'
import { exceptionMiddleware } from '@tsgi/exceptions'
import { serve, type TsgiServer } from '@tsgi/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { timeout } from '../src/index.js'

const encoder = new TextEncoder()
let closed = 0
let signalReason: unknown

/** Waits until the request's signal aborts, as work given the signal does. */
const untilAborted = (environ: Environ) =>
  new Promise<void>((resolve) => {
    const signal = environ['tsgi.abort'].signal
    signal.addEventListener(
      'abort',
      () => {
        signalReason = signal.reason
        resolve()
      },
      { once: true },
    )
  })

const routes: App = (environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'text/plain']])
  const committed = environ.PATH_INFO === '/after-commit'
  return {
    async *[Symbol.asyncIterator]() {
      if (committed) yield encoder.encode('first chunk')
      await untilAborted(environ)
      yield encoder.encode('too late')
    },
    close: () => void closed++,
  }
}

let server: TsgiServer

beforeAll(async () => {
  server = await serve(exceptionMiddleware(timeout(routes, 50)), {
    port: 0,
    host: '127.0.0.1',
    errors: { write: () => {} },
    signals: false,
  })
})
afterAll(() => server.close())

function rawRequest(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1')
    const received: Buffer[] = []
    socket.setTimeout(5000, () => socket.destroy(new Error('timed out')))
    socket.on('data', (chunk: Buffer) => received.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(Buffer.concat(received).toString('latin1')))
    socket.write(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n`)
  })
}

describe('timeout(app, ms) behind @tsgi/node', () => {
  it('answers 503 when the time is up before the first chunk', async () => {
    const before = closed
    const raw = await rawRequest('/before-commit')
    expect(raw).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/)
    expect(raw).not.toContain('too late')
    expect(signalReason).toMatchObject({ name: 'TimeoutError' })
    await expect.poll(() => closed - before).toBe(1)
  })

  it('cuts the connection when the time is up after the first chunk: no last chunk, no error page', async () => {
    const before = closed
    const raw = await rawRequest('/after-commit')
    expect(raw).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(raw).toContain('first chunk')
    expect(raw).not.toContain('too late')
    expect(raw.endsWith('0\r\n\r\n')).toBe(false) // the client can tell the response is incomplete
    expect(raw).not.toContain('Service Unavailable')
    await expect.poll(() => closed - before).toBe(1)
  })
})
