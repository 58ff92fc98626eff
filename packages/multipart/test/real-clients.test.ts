// Bodies from real clients, read by parts() behind @tsgi/node: curl -F, Python's requests (or its
// standard library), and headless Chromium submitting a form with file inputs. A client that is
// not installed skips with the reason; .ci/run installs curl and Chromium.
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { serve, type TsgiServer } from '@tsgi/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type PartSummary, sha256, uploadApp } from './upload-app.js'

const CHROMIUM = '/usr/bin/chromium'
// Asynchronous: the server runs in this process, so a synchronous child would block its answer.
const run = async (command: string, args: string[]) => (await promisify(execFile)(command, args)).stdout
const has = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0
const curl = has('curl', ['--version'])
const python = has('python3', ['--version'])
const pythonRequests = python && has('python3', ['-c', 'import requests'])
for (const [missing, reason] of [
  [!curl, 'curl is not installed'],
  [!python, 'python3 is not installed'],
  [!existsSync(CHROMIUM), `${CHROMIUM} is not installed (apt-get install -y chromium)`],
] as const) {
  if (missing) console.warn(`real-clients.test.ts: skipping a client: ${reason}`)
}

let server: TsgiServer
let dir: string
const binary = new Uint8Array(70_000).map((_, i) => (i * 31 + (i >> 8)) % 256)
const unicodeName = 'r\u00e9sum\u00e9 \u20ac.txt'
// Python's email package rewrites line breaks in a payload, so its file has none.
const PLAIN = 'plain text without line breaks'

beforeAll(async () => {
  server = await serve(uploadApp, { port: 0, host: '127.0.0.1', signals: false })
  dir = mkdtempSync(join(tmpdir(), 'tsgi-clients-'))
  writeFileSync(join(dir, 'photo.bin'), binary)
  writeFileSync(join(dir, unicodeName), 'caf\u00e9\r\n--not a boundary\r\n')
  writeFileSync(join(dir, 'plain.txt'), PLAIN)
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

const summaryOf = (name: string, filename: string, contentType: string, content: Uint8Array | string) => ({
  name,
  filename,
  contentType,
  size: typeof content === 'string' ? Buffer.byteLength(content) : content.length,
  sha256: sha256(content),
})
const field = (name: string, text: string) => ({
  ...summaryOf(name, '', 'text/plain', text),
  filename: undefined,
  text,
})

describe('uploads from real clients', () => {
  it.skipIf(!curl)('reads curl -F fields and files', async () => {
    const out = await run('curl', [
      '-sS',
      '-F',
      'title=Caf\u00e9',
      '-F',
      `photo=@${join(dir, 'photo.bin')};type=image/png`,
      '-F',
      `doc=@${join(dir, unicodeName)}`,
      `${server.url}/upload`,
    ])
    expect(JSON.parse(out) as PartSummary[]).toEqual([
      field('title', 'Caf\u00e9'),
      summaryOf('photo', 'photo.bin', 'image/png', binary),
      summaryOf('doc', unicodeName, 'text/plain', 'caf\u00e9\r\n--not a boundary\r\n'),
    ])
  })

  it.skipIf(!python)(`reads a body from Python (${pythonRequests ? 'requests' : 'the standard library'})`, async () => {
    // requests encodes with urllib3; without it, the standard library's email package builds the body.
    const script = pythonRequests
      ? `import sys, requests
r = requests.post(sys.argv[1], data={'title': 'Caf\\u00e9', 'q': 'say "hi"'},
                  files={'photo': ('photo.bin', open(sys.argv[2], 'rb'), 'image/png')})
sys.stdout.write(r.text)`
      : `import sys, urllib.request, email.mime.multipart, email.mime.application, email.mime.text, email.policy
m = email.mime.multipart.MIMEMultipart('form-data')
for k, v in (('title', 'Caf\\u00e9'), ('q', 'say "hi"')):
    p = email.mime.text.MIMEText(v, 'plain', 'utf-8'); del p['Content-Transfer-Encoding']; p.set_payload(v.encode())
    p.add_header('Content-Disposition', 'form-data', name=k); m.attach(p)
f = email.mime.application.MIMEApplication(open(sys.argv[2], 'rb').read(), 'png', lambda p: None)
f.replace_header('Content-Type', 'image/png')
f.add_header('Content-Disposition', 'form-data', name='photo', filename='plain.txt'); m.attach(f)
body = m.as_bytes(policy=email.policy.HTTP).split(b'\\r\\n\\r\\n', 1)[1]
req = urllib.request.Request(sys.argv[1], data=body, headers={'Content-Type': m['Content-Type']})
sys.stdout.write(urllib.request.urlopen(req).read().decode())`
    const file = pythonRequests ? 'photo.bin' : 'plain.txt'
    const out = await run('python3', ['-c', script, `${server.url}/upload`, join(dir, file)])
    const parts = JSON.parse(out) as PartSummary[]
    expect(parts.map(({ name, text }) => [name, text])).toEqual([
      ['title', 'Caf\u00e9'],
      ['q', 'say "hi"'],
      ['photo', undefined],
    ])
    expect(parts[2]).toEqual(summaryOf('photo', file, 'image/png', pythonRequests ? binary : PLAIN))
  })

  it.skipIf(!existsSync(CHROMIUM))(
    'reads a form with file inputs submitted by headless Chromium',
    async () => {
      const { chromium } = await import('playwright-core')
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      })
      try {
        const page = await browser.newPage()
        await page.goto(`${server.url}/`)
        await page.setInputFiles('input[name=files]', [join(dir, 'photo.bin'), join(dir, unicodeName)])
        await Promise.all([page.waitForURL('**/upload'), page.click('button')])
        const parts = JSON.parse((await page.textContent('body')) ?? '') as PartSummary[]
        expect(parts).toEqual([
          field('title', 'Caf\u00e9 \u201cquotes\u201d'),
          field('notes', 'line 1\r\nline 2'),
          summaryOf('files', 'photo.bin', 'application/octet-stream', binary),
          summaryOf('files', unicodeName, 'text/plain', 'caf\u00e9\r\n--not a boundary\r\n'),
          summaryOf('empty', '', 'application/octet-stream', ''),
        ])
      } finally {
        await browser.close()
      }
    },
    60_000,
  )
})
