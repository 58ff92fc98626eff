// Through a real @tsgi/node server on 127.0.0.1: every file descriptor serveStatic opens is
// closed again, on each path a response can take, the client leaving mid-file included. The
// descriptors are counted in /proc/self/fd (Linux).
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { serve, type TsgiServer } from '@tsgi/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveStatic } from '../src/index.js'
import { type Fixture, makeFixture } from './_fixture.js'

const hasProc = existsSync('/proc/self/fd')
if (!hasProc) console.log('node.test.ts: skipped, /proc/self/fd is needed to count open files (Linux only)')

const fixture: Fixture = makeFixture()
let server: TsgiServer
const HUGE = 32 * 1024 * 1024

beforeAll(async () => {
  writeFileSync(join(fixture.root, 'huge.bin'), new Uint8Array(HUGE))
  server = await serve(serveStatic(fixture.root, { precompressed: true }), { port: 0, host: '127.0.0.1' })
})
afterAll(async () => {
  await server?.close()
  fixture.remove()
})

const openFiles = (): number => readdirSync('/proc/self/fd').length

/** The count of open descriptors once it has stopped changing (the warm-up's socket closed). */
async function steadyCount(): Promise<number> {
  let last = -1
  for (let attempt = 0; attempt < 50; attempt++) {
    const now = openFiles()
    if (now === last) return now
    last = now
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return last
}

/** Waits until the count of open descriptors is back to `expected` (closing is asynchronous). */
async function settledAt(expected: number): Promise<number> {
  for (let attempt = 0; attempt < 100 && openFiles() > expected; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return openFiles()
}

function get(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { method, headers, agent: false }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => (bytes += chunk.length))
      res.on('end', () => resolve({ status: res.statusCode!, bytes }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

/** Reads the first chunk of a response, then destroys the connection: a client going away. */
function leaveMidFile(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { agent: false }, (res) => {
      res.once('data', (chunk: Buffer) => {
        req.destroy()
        resolve(chunk.length)
      })
    })
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)))
    req.end()
  })
}

describe.skipIf(!hasProc)('serveStatic(root) on @tsgi/node: file descriptors', () => {
  it('closes the file on every path a response takes', async () => {
    await get('/hello.txt') // warm up: the server's own sockets and lazily opened files
    const before = await steadyCount()
    const results = await Promise.all([
      get('/hello.txt'),
      get('/big.bin'),
      get('/big.bin', { range: 'bytes=100-150000' }),
      get('/big.bin', { range: 'bytes=999999999-' }),
      get('/big.bin', { 'if-none-match': '*' }),
      get('/big.bin', { 'if-match': '"nope"' }),
      get('/big.bin', {}, 'HEAD'),
      get('/sub'),
      get('/sub/'),
      get('/noindex/'),
      get('/missing.txt'),
      get('/app.js', { 'accept-encoding': 'br' }),
      get('/empty.txt'),
    ])
    expect(results.map((result) => result.status)).toEqual([
      200, 200, 206, 416, 304, 412, 200, 301, 200, 404, 404, 200, 200,
    ])
    expect(results[1]!.bytes).toBe(200 * 1024)
    expect(await settledAt(before)).toBe(before)
  })

  it('closes the file when the client leaves mid-file', async () => {
    await get('/hello.txt')
    const before = await steadyCount()
    const received = await Promise.all([
      leaveMidFile('/huge.bin'),
      leaveMidFile('/huge.bin'),
      leaveMidFile('/huge.bin'),
    ])
    for (const bytes of received) expect(bytes).toBeLessThan(HUGE)
    expect(await settledAt(before)).toBe(before)
  })
})
