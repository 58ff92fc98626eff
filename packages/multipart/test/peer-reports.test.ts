// The bodies of the peers' crash and hang reports, sent to parts() behind @tsgi/node: each must be
// a 400 answered at once, and the server must go on answering. A client that goes away mid-upload
// must end the app's read with an error rather than leave it waiting.
import { serve, type TsgiServer } from '@tsgi/node'
import { multipartBody } from '@tsgi/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openUpload, uploadApp } from './upload-app.js'

let server: TsgiServer
const outcomes: string[] = []

beforeAll(async () => {
  server = await serve(
    async (environ, startResponse) => {
      try {
        return await uploadApp(environ, startResponse)
      } catch (error) {
        outcomes.push((error as Error).name)
        throw error
      }
    },
    { port: 0, host: '127.0.0.1', signals: false, errors: { write() {} } },
  )
})
afterAll(() => server.close())

const send = (boundary: string, body: string) =>
  fetch(`${server.url}/upload`, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  })

async function stillServes(): Promise<void> {
  const good = multipartBody([['a', '1']])
  expect((await fetch(`${server.url}/upload`, { method: 'POST', body: good.body, headers: good.headers })).status).toBe(
    200,
  )
}

describe("the peers' crash and hang reports", () => {
  const reports: Record<string, [boundary: string, body: string]> = {
    // expressjs/multer#1176: a file part with no end boundary crashed the process (busboy's error event).
    'multer#1176, a file without an end boundary': [
      'AaB03x',
      '--AaB03x\r\nContent-Disposition: form-data; name="file"; filename="test.txt"\r\nContent-Type: text/plain\r\n\r\ntest without end boundary',
    ],
    // expressjs/multer#1338 (GHSA-4pg4-qvpc-4q3h): an empty file name, then a boundary cut one byte short.
    'multer#1338, a boundary cut short after an empty file name': [
      '----FormBoundary',
      '------FormBoundary\r\nContent-Disposition: form-data; name="image"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n------FormBoundar\r\n',
    ],
    // juice-shop/juice-shop#3641: a part header followed at once by the closing boundary.
    'juice-shop#3641, a header followed at once by the closing boundary': [
      '----geckoformboundary',
      '------geckoformboundary\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n------geckoformboundary--\r\n',
    ],
    // expressjs/multer#719: IE10/11's FormData bug, a body whose last boundary has no closing dashes or line end.
    'multer#719, a last boundary without its closing dashes': [
      '---------------------------7de1ae242c06ca',
      '-----------------------------7de1ae242c06ca\r\nContent-Disposition: form-data; name="file1"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nx\r\n-----------------------------7de1ae242c06ca',
    ],
  }
  for (const [label, [boundary, body]] of Object.entries(reports)) {
    it(`answers 400 and keeps serving: ${label}`, async () => {
      const response = await send(boundary, body)
      expect(response.status).toBe(400)
      await stillServes()
    })
  }

  it('ends the read with an error when the client goes away mid-upload, and keeps serving', async () => {
    const before = outcomes.length
    const req = openUpload(server.url, { 'content-length': '100000' })
    req.on('error', () => {})
    req.write('--b\r\nContent-Disposition: form-data; name="f"; filename="f"\r\n\r\npartial content')
    await new Promise((resolve) => setTimeout(resolve, 100))
    req.destroy()
    for (let i = 0; i < 50 && outcomes.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(outcomes.length).toBe(before + 1) // the app's read rejected: nothing waits forever
    await stillServes()
  })
})
