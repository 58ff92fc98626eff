import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:http2'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { certificate } from '../../node/test/tls.js'
import { parseServeArgs, UsageError } from '../src/index.js'
import { killAll, printed, tsgi } from './run-tsgi.js'

afterEach(killAll)
let folder = ''
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'tsgi-tls-'))
  const { cert, key } = await certificate()
  writeFileSync(join(folder, 'cert.pem'), cert)
  writeFileSync(join(folder, 'key.pem'), key)
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const session = connect(url, { rejectUnauthorized: false })
    session.on('error', reject)
    const stream = session.request({ ':path': '/over-h2' })
    let status = 0
    let body = ''
    stream.setEncoding('utf8')
    stream.on('response', (headers) => (status = Number(headers[':status'])))
    stream.on('data', (chunk: string) => (body += chunk))
    stream.on('end', () => {
      session.close()
      resolve({ status, body })
    })
    stream.on('error', reject)
  })
}

describe('tsgi serve --http2 --tls-cert --tls-key', () => {
  it('serves h2 over TLS with the given certificate', async () => {
    const cert = join(folder, 'cert.pem')
    const key = join(folder, 'key.pem')
    const run = tsgi(['serve', './app.mjs', '--port', '0', '--quiet', '--http2', '--tls-cert', cert, '--tls-key', key])
    expect(await printed(run, 'on https://')).toBe(true)
    const url = /on (https:\/\/[^ \n]+)/.exec(run.out())?.[1] as string
    const { status, body } = await get(url)
    expect(status).toBe(200)
    expect(body).toMatch(/^default \/over-h2 false \d+\n$/)
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
  })

  it('ends with exit 1 and one line when a file cannot be read', async () => {
    const run = tsgi(['serve', './app.mjs', '--port', '0', '--tls-cert', 'missing.pem', '--tls-key', 'missing.pem'])
    expect(await run.exited).toBe(1)
    expect(run.err()).toMatch(/^tsgi: cannot read --tls-cert missing\.pem: /)
  })

  it('refuses --tls-cert without --tls-key as a usage error', () => {
    expect(() => parseServeArgs(['serve', './app.js', '--tls-cert', 'cert.pem'])).toThrow(UsageError)
    expect(parseServeArgs(['serve', './app.js', '--http2'])).toMatchObject({ http2: true, tls: undefined })
  })
})
