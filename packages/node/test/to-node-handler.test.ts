import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { App } from '@tsgi/core'
import { toNodeHandler } from '@tsgi/node'
import { afterEach, describe, expect, it } from 'vitest'
import { encoder } from './helpers.js'

const servers: Server[] = []
async function mount(handler: ReturnType<typeof toNodeHandler>): Promise<string> {
  const server = createServer(handler)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    }),
  )
})

const echoPath: App = (environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'text/plain']])
  return [encoder.encode(environ.PATH_INFO)]
}

describe('toNodeHandler()', () => {
  it('serves a tsgi app from a plain node:http server', async () => {
    const url = await mount(toNodeHandler(echoPath))
    const response = await fetch(`${url}/caf%C3%A9`)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('/café')
  })

  it('applies maxBodySize to a mounted app', async () => {
    let called = false
    const url = await mount(
      toNodeHandler(
        (_environ, startResponse) => {
          called = true
          startResponse('200 OK', [])
          return []
        },
        { maxBodySize: 4 },
      ),
    )
    const response = await fetch(url, { method: 'POST', body: 'too long' })
    expect(response.status).toBe(413)
    expect(called).toBe(false)
  })

  it('writes app errors to the errors option', async () => {
    let logged = ''
    const url = await mount(
      toNodeHandler(
        () => {
          throw new Error('boom')
        },
        { errors: { write: (text) => void (logged += text) } },
      ),
    )
    expect((await fetch(url)).status).toBe(500)
    expect(logged).toContain('Error: boom')
    expect(logged).toContain('GET /')
  })

  it('answers 431 past maxHeaderCount', async () => {
    const url = await mount(toNodeHandler(echoPath, { maxHeaderCount: 3 }))
    const headers = { 'x-a': '1', 'x-b': '2', 'x-c': '3', 'x-d': '4' }
    expect((await fetch(url, { headers })).status).toBe(431)
  })

  it('throws a TypeError for an app that is not a function', () => {
    expect(() => toNodeHandler({} as never)).toThrow(/toNodeHandler\(\): app must be a function, got an object/)
  })

  for (const [options, error] of [
    [null, TypeError],
    [{ maxHeaderCount: 2.5 }, RangeError],
    [{ maxBodySize: Number.NaN }, RangeError],
    [{ encodedSlashes: true }, TypeError],
    [{ errors: {} }, TypeError],
    [{ multiprocess: 'yes' }, TypeError],
  ] as const) {
    it(`throws a ${error.name} for the options ${JSON.stringify(options)}`, () => {
      expect(() => toNodeHandler(echoPath, options as never)).toThrow(error)
    })
  }

  it('accepts Infinity as maxBodySize', async () => {
    const url = await mount(toNodeHandler(echoPath, { maxBodySize: Number.POSITIVE_INFINITY }))
    expect((await fetch(url, { method: 'POST', body: 'anything' })).status).toBe(200)
  })

  it('sets tsgi.multiprocess from the multiprocess option, false by default', async () => {
    const flag: App = (environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return [encoder.encode(String(environ['tsgi.multiprocess']))]
    }
    expect(await (await fetch(await mount(toNodeHandler(flag)))).text()).toBe('false')
    expect(await (await fetch(await mount(toNodeHandler(flag, { multiprocess: true })))).text()).toBe('true')
  })
})
