import type { App } from '@tsgi/core'
import { afterEach, describe, expect, it } from 'vitest'
import { serve, type TsgiServer } from '../src/index.js'
import { collect, encoder, open } from './helpers.js'

// RFC 9112 §9.6: once a server has answered with `Connection: close` it reads nothing more from
// the connection; §9.3.2: responses to pipelined requests go out in the order of the requests.
let server: TsgiServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

function recorder(): { app: App; seen: string[] } {
  const seen: string[] = []
  const app: App = async (environ, startResponse) => {
    seen.push(`${environ.REQUEST_METHOD} ${environ.PATH_INFO}`)
    if (environ.PATH_INFO === '/slow') await new Promise((resolve) => setTimeout(resolve, 150))
    startResponse('200 OK', [['content-type', 'text/plain']])
    return [encoder.encode(`ok ${environ.PATH_INFO}`)]
  }
  return { app, seen }
}

async function exchange(data: string): Promise<{ text: string; closed: boolean }> {
  const socket = await open((server as TsgiServer).url)
  const result = collect(socket, 3000)
  socket.write(data)
  return result
}

const statuses = (text: string): string[] => [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1] as string)

describe('a connection the server answered with Connection: close', () => {
  const refused: Array<[string, string, string]> = [
    [
      'a transfer coding other than chunked (501)',
      'POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n',
      '501',
    ],
    ['a declared body over maxBodySize (413)', 'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n', '413'],
    ['a malformed path with a body (400)', 'POST /a%zz HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc', '400'],
    ['too many header fields (431)', `GET /a HTTP/1.1\r\nHost: x\r\n${'X-A: 1\r\n'.repeat(120)}\r\n`, '431'],
  ]
  it.each(refused)('runs no pipelined request after %s', async (_name, first, status) => {
    const { app, seen } = recorder()
    server = await serve(app, { port: 0, maxBodySize: 1000, maxHeaderCount: 100 })
    const { text, closed } = await exchange(`${first}GET /after HTTP/1.1\r\nHost: x\r\n\r\n`)
    expect(statuses(text)).toEqual([status])
    expect(closed).toBe(true)
    expect(seen).toEqual([])
  })
})

describe('pipelined requests', () => {
  it('answer a slow request before the 400 of a malformed one that follows it', async () => {
    const { app, seen } = recorder()
    server = await serve(app, { port: 0 })
    const { text, closed } = await exchange(
      'GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /x HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
    )
    expect(seen).toEqual(['GET /slow'])
    expect(statuses(text)).toEqual(['200', '400'])
    expect(text).toContain('ok /slow')
    expect(closed).toBe(true)
  })

  it('keep the connection after a 400 for a bad path without a body, and answer the next in order', async () => {
    const { app, seen } = recorder()
    server = await serve(app, { port: 0 })
    const { text } = await exchange(
      'GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    )
    expect(statuses(text)).toEqual(['400', '200'])
    expect(seen).toEqual(['GET /next'])
  })

  it('go out in request order', async () => {
    const { app } = recorder()
    server = await serve(app, { port: 0 })
    const { text } = await exchange(
      'GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    )
    expect(text.indexOf('ok /slow')).toBeGreaterThan(-1)
    expect(text.indexOf('ok /slow')).toBeLessThan(text.indexOf('ok /fast'))
  })
})

describe('fields that must appear once', () => {
  it.each([
    ['Host', 'Host: good.example\r\nHost: evil.example\r\n'],
    ['Host (case differs)', 'Host: good.example\r\nhost: evil.example\r\n'],
  ])('two %s fields are a 400 and the app never runs', async (_name, fields) => {
    const { app, seen } = recorder()
    server = await serve(app, { port: 0 })
    const { text } = await exchange(`GET /a HTTP/1.1\r\n${fields}\r\n`)
    expect(statuses(text)).toEqual(['400'])
    expect(seen).toEqual([])
  })
})
