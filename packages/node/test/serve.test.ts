import type { App } from '@tsgi/core'
import { serve, type TsgiServer } from '@tsgi/node'
import { afterEach, describe, expect, it } from 'vitest'
import { collect, encoder, eventually, gate, open } from './helpers.js'

const hello: App = (_environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'text/plain']])
  return [encoder.encode('hello')]
}

const servers: TsgiServer[] = []
async function start(app: App, options: Parameters<typeof serve>[1] = {}): Promise<TsgiServer> {
  const server = await serve(app, { port: 0, ...options })
  servers.push(server)
  return server
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

describe('serve()', () => {
  it('listens on a free port on 127.0.0.1 and reports it', async () => {
    const server = await start(hello)
    expect(server.port).toBeGreaterThan(0)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    expect(server.server.listening).toBe(true)
    expect(await (await fetch(server.url)).text()).toBe('hello')
  })

  for (const [options, error] of [
    [{ port: '80' }, TypeError],
    [{ port: -1 }, RangeError],
    [{ port: 70000 }, RangeError],
    [{ port: 1.5 }, RangeError],
    [{ host: '' }, TypeError],
    [{ maxBodySize: -1 }, RangeError],
    [{ maxBodySize: '1mb' }, TypeError],
    [{ maxHeaderCount: 0 }, RangeError],
    [{ headersTimeout: Number.NaN }, RangeError],
    [{ headersTimeout: 10_000, requestTimeout: 5000 }, RangeError],
    [{ keepAliveTimeout: -5 }, RangeError],
    [{ shutdownTimeout: '1s' }, TypeError],
    [{ encodedSlashes: 'decode' }, TypeError],
    [{ errors: console.log }, TypeError],
    [{ signals: 'yes' }, TypeError],
  ] as const) {
    it(`rejects ${JSON.stringify(options)} with a ${error.name} naming the option`, async () => {
      const name = Object.keys(options).at(-1) as string
      await expect(serve(hello, options as never)).rejects.toThrow(error)
      await expect(serve(hello, options as never)).rejects.toThrow(name)
    })
  }

  it('sends every byte value of a body unchanged, small or large, from a plain Uint8Array or a Buffer view', async () => {
    const all = Uint8Array.from({ length: 256 }, (_, index) => index)
    const large = new Uint8Array(4096).map((_, index) => (index * 7) % 256)
    const view = Buffer.from(new Uint8Array([9, ...all, 9]).buffer, 1, 256) // an offset into a larger buffer
    const bodies: Record<string, Uint8Array> = { '/small': all, '/large': large, '/view': view }
    const server = await start((environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'application/octet-stream']])
      return [bodies[environ.PATH_INFO] as Uint8Array]
    })
    for (const [path, body] of Object.entries(bodies)) {
      const response = await fetch(server.url + path)
      expect(response.headers.get('content-length')).toBe(String(body.byteLength))
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array(body))
    }
  })

  it('rejects an app that is not a function', async () => {
    await expect(serve('app' as never, { port: 0 })).rejects.toThrow(/app must be a function, got "app"/)
  })

  it('keeps %2F encoded in PATH_INFO with encodedSlashes: keep', async () => {
    let seen = ''
    const server = await start(
      (environ, startResponse) => {
        seen = environ.PATH_INFO
        startResponse('200 OK', [])
        return []
      },
      { encodedSlashes: 'keep' },
    )
    await fetch(`${server.url}/a%2fb/%252F`)
    expect(seen).toBe('/a%2Fb/%252F')
  })

  it('answers 408 to a client that sends its headers too slowly', async () => {
    const server = await start(hello, { headersTimeout: 300, requestTimeout: 600 })
    const socket = await open(server.url)
    const result = collect(socket)
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n')
    const { text, closed } = await result
    expect(closed).toBe(true)
    expect(text).toMatch(/^HTTP\/1\.1 408 /)
  })

  it('answers 408 to a client that sends its body too slowly, and the read rejects', async () => {
    let failure: unknown
    const server = await start(
      async (environ, startResponse) => {
        try {
          for await (const _ of environ['tsgi.input']);
        } catch (error) {
          failure = error
        }
        startResponse('200 OK', [])
        return []
      },
      { headersTimeout: 300, requestTimeout: 600 },
    )
    const socket = await open(server.url)
    const result = collect(socket)
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabcde')
    const { text, closed } = await result
    expect(closed).toBe(true)
    expect(text).toMatch(/^HTTP\/1\.1 408 /)
    expect(await eventually(() => failure !== undefined)).toBe(true)
  })
})

describe('TsgiServer.close()', () => {
  it('lets an in-flight request finish, with Connection: close, then resolves', async () => {
    const release = gate()
    const entered = gate()
    const server = await start(async (_environ, startResponse) => {
      entered.open()
      await release.promise
      startResponse('200 OK', [])
      return [encoder.encode('finished')]
    })
    const response = fetch(server.url)
    await entered.promise
    let closed = false
    const closing = server.close().then(() => {
      closed = true
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(closed).toBe(false)
    release.open()
    const answer = await response
    expect(answer.headers.get('connection')).toBe('close')
    expect(await answer.text()).toBe('finished')
    await closing
    expect(server.server.listening).toBe(false)
  })

  it('closes idle keep-alive connections at once', async () => {
    const server = await start(hello, { keepAliveTimeout: 60_000 })
    const socket = await open(server.url)
    const result = collect(socket)
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n')
    await eventually(() => socket.bytesRead > 0)
    await server.close()
    const { text, closed } = await result
    expect(closed).toBe(true)
    expect(text).toMatch(/^HTTP\/1\.1 200 /)
  })

  it('cuts requests still running after shutdownTimeout', async () => {
    const entered = gate()
    const server = await start(
      async () => {
        entered.open()
        return new Promise(() => {}) // never answers
      },
      { shutdownTimeout: 200 },
    )
    const socket = await open(server.url)
    const result = collect(socket)
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n')
    await entered.promise
    await server.close()
    expect((await result).closed).toBe(true)
  })

  it('waits for pending close() promises of bodies', async () => {
    const finishClose = gate()
    let bodyClosed = false
    const server = await start((_environ, startResponse) => {
      startResponse('200 OK', [])
      return Object.assign([encoder.encode('x')], {
        close: async () => {
          await finishClose.promise
          bodyClosed = true
        },
      })
    })
    await (await fetch(server.url)).text()
    let serverClosed = false
    const closing = server.close().then(() => {
      serverClosed = true
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(serverClosed).toBe(false)
    finishClose.open()
    await closing
    expect(bodyClosed).toBe(true)
  })

  it('is idempotent and refuses new connections', async () => {
    const server = await start(hello)
    const url = server.url
    await Promise.all([server.close(), server.close()])
    await expect(fetch(url)).rejects.toThrow()
  })
})
