// parts() behind @tsgi/node on a real socket on 127.0.0.1: what clients see for uploads, limits
// and malformed bodies, and that a bad body is answered at once, while the client still sends.
import { serve, type TsgiServer } from '@tsgi/node'
import { multipartBody } from '@tsgi/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openUpload, type PartSummary, sha256, uploadApp } from './upload-app.js'

let server: TsgiServer
let small: TsgiServer
const logged: string[] = []

beforeAll(async () => {
  const errors = { write: (text: string) => void logged.push(text) }
  server = await serve(uploadApp, { port: 0, host: '127.0.0.1', errors, signals: false })
  small = await serve(uploadApp, { port: 0, host: '127.0.0.1', errors, signals: false, maxBodySize: 1000 })
})
afterAll(async () => {
  await server.close()
  await small.close()
})

const post = (base: string, path: string, body: string | Uint8Array | FormData, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', body, headers })

describe('parts() behind @tsgi/node', () => {
  it("reads a FormData upload from Node's fetch", async () => {
    const form = new FormData()
    form.append('title', 'Caf\u00e9')
    const content = new Uint8Array(200_000).map((_, i) => (i * 7) % 256)
    form.append('file', new Blob([content], { type: 'application/x-test' }), 'data "1".bin')
    const response = await post(server.url, '/upload', form)
    expect(response.status).toBe(200)
    expect((await response.json()) as PartSummary[]).toEqual([
      {
        name: 'title',
        filename: undefined,
        contentType: 'text/plain',
        size: 5,
        sha256: sha256('Caf\u00e9'),
        text: 'Caf\u00e9',
      },
      {
        name: 'file',
        filename: 'data "1".bin',
        contentType: 'application/x-test',
        size: 200_000,
        sha256: sha256(content),
      },
    ])
  })

  it('answers 413 for each limit, and for the server’s maxBodySize', async () => {
    const upload = multipartBody([['a', '1234'], ['b', '2'], { name: 'f', filename: 'f.txt', value: 'x'.repeat(2000) }])
    for (const query of [
      'fileSize=1999',
      'fieldSize=3',
      'fields=1',
      'files=0',
      'parts=2',
      'headerSize=40',
      'headerPairs=0',
    ]) {
      const response = await post(server.url, `/upload?${query}`, upload.body, upload.headers)
      expect(response.status, query).toBe(413)
      expect(await response.text(), query).toContain(`${query.split('=')[0]} limit`)
    }
    expect((await post(server.url, '/upload?fileSize=2000', upload.body, upload.headers)).status).toBe(200)
    expect((await post(small.url, '/upload', upload.body, upload.headers)).status).toBe(413)
  })

  it('answers 415 for another content type and 400 for malformed bodies', async () => {
    expect(
      (await post(server.url, '/upload', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' })).status,
    ).toBe(415)
    const type = { 'content-type': 'multipart/form-data; boundary=b' }
    for (const body of [
      '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n',
      '--b\r\nContent-Type: text/plain\r\n\r\n1\r\n--b--',
      'no boundary here',
    ]) {
      expect((await post(server.url, '/upload', body, type)).status).toBe(400)
    }
    expect((await post(server.url, '/upload', '--b--', { 'content-type': 'multipart/form-data' })).status).toBe(400)
  })

  it('answers a malformed body at once, while the client is still sending', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = openUpload(server.url, { 'transfer-encoding': 'chunked' })
      req.on('response', (response) => {
        resolve(response.statusCode ?? 0)
        response.resume()
        req.destroy()
      })
      req.on('error', reject)
      // A part without Content-Disposition, then the body stays open: no end() is ever sent.
      req.write('--b\r\nX-Nothing: here\r\n\r\nsome content')
    })
    expect(status).toBe(400)
  })
})
