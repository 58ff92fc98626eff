import type { App } from '@tsgi/core'
import { makeServer, serve } from '@tsgi/node'
import { describe, expect, it } from 'vitest'
import { encoder, eventually, gate } from './helpers.js'

const hello: App = (_environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'text/plain']])
  return [encoder.encode('Hello, world!\n')]
}

describe('makeServer()', () => {
  it('serves forever until shutdown(), like wsgiref.simple_server', async () => {
    const httpd = makeServer('127.0.0.1', 0, hello, { signals: false })
    let stopped = false
    const forever = httpd.serveForever().then(() => {
      stopped = true
    })
    expect(await eventually(() => httpd.running !== undefined)).toBe(true)
    const response = await fetch(httpd.running?.url as string)
    expect(await response.text()).toBe('Hello, world!\n')
    expect(stopped).toBe(false)
    await httpd.shutdown()
    await forever
    expect(stopped).toBe(true)
  })

  it('throws a TypeError for a bad host, port or app', () => {
    expect(() => makeServer(8000 as never, 8000, hello)).toThrow(/host must be a string/)
    expect(() => makeServer('127.0.0.1', '8000' as never, hello)).toThrow(/port must be a number/)
    expect(() => makeServer('127.0.0.1', 8000, null as never)).toThrow(/app must be a function, got null/)
  })

  it('refuses a second serveForever()', async () => {
    const httpd = makeServer('127.0.0.1', 0, hello, { signals: false })
    const forever = httpd.serveForever()
    await eventually(() => httpd.running !== undefined)
    await expect(httpd.serveForever()).rejects.toThrow(/already/)
    await httpd.shutdown()
    await forever
  })
})

describe('serve({ signals: true })', () => {
  it('closes gracefully on SIGTERM: the in-flight request finishes, the handlers are removed', async () => {
    // Another listener stays, so the server does not raise the signal again at the test runner.
    const guard = (): void => {}
    process.on('SIGTERM', guard)
    const before = process.listenerCount('SIGINT')
    try {
      const entered = gate()
      const release = gate()
      const server = await serve(
        async (_environ, startResponse) => {
          entered.open()
          await release.promise
          startResponse('200 OK', [])
          return [encoder.encode('slow done')]
        },
        { port: 0, signals: true },
      )
      expect(process.listenerCount('SIGINT')).toBe(before + 1)
      const response = fetch(server.url)
      await entered.promise
      process.emit('SIGTERM', 'SIGTERM')
      expect(await eventually(() => !server.server.listening)).toBe(true)
      release.open()
      const answer = await response
      expect(answer.headers.get('connection')).toBe('close')
      expect(await answer.text()).toBe('slow done')
      expect(await eventually(() => process.listenerCount('SIGINT') === before)).toBe(true)
      expect(process.listeners('SIGTERM')).toEqual([guard])
    } finally {
      process.off('SIGTERM', guard)
    }
  })

  it('drains on the first SIGTERM, aborting tsgi.shutdown, and ends the drain on a second', async () => {
    const guard = (): void => {}
    process.on('SIGTERM', guard)
    try {
      const signals: (AbortSignal | undefined)[] = []
      const app: App = (environ, startResponse) => {
        signals.push(environ['tsgi.shutdown'])
        return hello(environ, startResponse)
      }
      const server = await serve(app, { port: 0, signals: true, drainDelay: 60_000 })
      await (await fetch(server.url)).text()
      expect(signals[0]?.aborted).toBe(false)
      process.emit('SIGTERM', 'SIGTERM')
      expect(signals[0]?.aborted).toBe(true)
      // Draining: still listening and serving, with the same (now aborted) signal.
      await (await fetch(server.url, { headers: { connection: 'close' } })).text()
      expect(server.server.listening).toBe(true)
      expect(signals[1]).toBe(signals[0])
      process.emit('SIGTERM', 'SIGTERM')
      expect(await eventually(() => !server.server.listening)).toBe(true)
      await server.close()
    } finally {
      process.off('SIGTERM', guard)
    }
  })
})
