// The traversal corpus: every way a request path has reached a file outside the root in a static
// file server (send, serve-static, @hono/node-server's serveStatic, restify, connect), and the
// advisories of the peers. Each answer must be 400 or 404 and must not carry the secret.
import { execFileSync } from 'node:child_process'
import { join, relative } from 'node:path'
import type { App } from '@tsgi/core'
import { request } from '@tsgi/test'
import { afterAll, describe, expect, it } from 'vitest'
import { serveStatic } from '../src/index.js'
import { type Fixture, makeFixture } from './_fixture.js'

const fixture: Fixture = makeFixture()
const hasMkfifo = (() => {
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    console.log('traversal.test.ts: the FIFO test is skipped, mkfifo is not installed')
    return false
  }
})()
afterAll(() => fixture.remove())
const app = serveStatic(fixture.root)
const keepApp = serveStatic(fixture.root, { encodedSlashes: 'keep' })

/** Runs `target` with `PATH_INFO` set as given, past the server's decoding, with lint on. */
function withPathInfo(target: App, pathInfo: string): App {
  return (environ, startResponse) => target({ ...environ, PATH_INFO: pathInfo }, startResponse)
}

async function expectRefused(status: number, body: string): Promise<void> {
  expect([400, 404]).toContain(status)
  expect(body).not.toContain('secret')
  expect(body).not.toContain('outside')
  expect(body).not.toContain('SECRET=1')
}

// As sent on the wire: the server decodes them (spec §2.5) and some never reach the app.
const onTheWire = [
  '/../secret.txt',
  '/../../../../../../etc/passwd',
  '/sub/../../secret.txt',
  '/sub/./../../secret.txt',
  '/%2e%2e/secret.txt',
  '/%2E%2E/secret.txt',
  '/.%2e/secret.txt',
  '/%2e%2e%2fsecret.txt',
  '/..%2fsecret.txt',
  '/..%2Fsecret.txt',
  '/%2e%2e%5csecret.txt',
  '/..%5csecret.txt',
  '/..%5Csecret.txt',
  '/sub%5c..%5c..%5csecret.txt',
  '/..\\secret.txt',
  '/sub\\..\\..\\secret.txt',
  '/back%5cslash-secret.txt',
  '/back\\slash-secret.txt',
  '//secret.txt',
  '///etc/passwd',
  '//sub/page.txt',
  '/sub//page.txt',
  '/sub/page.txt//',
  '/hello.txt%00.html',
  '/%00../secret.txt',
  '/%c0%ae%c0%ae/secret.txt',
  '/%c0%2e%c0%2e/secret.txt',
  '/%e0%80%ae%e0%80%ae/secret.txt',
  '/%c0%af..%c0%afsecret.txt',
  '/%25%32%65%25%32%65/secret.txt',
  '/C:/Windows/win.ini',
  '/c:%5cWindows%5cwin.ini',
  '/C:%2f..%2fsecret.txt',
  '/.env',
  '/.git/config',
  '/.git/',
  '/.git',
  '/sub/../.env',
  '/%2eenv',
  '/link-out.txt',
  '/dir-link-out/inner.txt',
  '/dir-link-out/',
  '/link-to-dotfile',
]

// PATH_INFO values a server would never build, handed to the app directly.
const pastDecoding = [
  '/../secret.txt',
  '/sub/../../secret.txt',
  '/..\\secret.txt',
  '/hello.txt\0.html',
  '/\0',
  '/sub/\u0001',
  '/C:\\Windows\\win.ini',
  '/D:',
  '//evil.example/secret.txt',
  `/${fixture.base}/secret.txt`,
  `${fixture.base}/secret.txt`,
  'secret.txt',
  '/\uFFFD\uFFFD/secret.txt',
]

describe('serveStatic(root): the traversal corpus', () => {
  it.each(onTheWire)('refuses GET %s', async (path) => {
    const res = await request(app, `GET ${path}`)
    await expectRefused(res.status, res.text())
  })

  it.each(onTheWire)("refuses GET %s under encodedSlashes: 'keep'", async (path) => {
    const res = await request(keepApp, `GET ${path}`, { encodedSlashes: 'keep' })
    await expectRefused(res.status, res.text())
  })

  it.each(pastDecoding)('refuses PATH_INFO %j', async (pathInfo) => {
    const res = await request(withPathInfo(app, pathInfo), 'GET /')
    await expectRefused(res.status, res.text())
  })

  it('refuses the corpus with a relative root too', async () => {
    const relativeApp = serveStatic(relative(process.cwd(), fixture.root))
    for (const path of onTheWire) {
      const res = await request(relativeApp, `GET ${path}`)
      await expectRefused(res.status, res.text())
    }
  })

  it('serves what the corpus must not break', async () => {
    expect((await request(app, 'GET /hello.txt')).status).toBe(200)
    expect((await request(app, 'GET /sub/page.txt')).status).toBe(200)
    // A link that stays inside the root is served.
    expect((await request(app, 'GET /link-in.txt')).text()).toBe('Hello, world!\n')
  })

  it('follows links out of the root only with followSymlinks: true', async () => {
    const following = serveStatic(fixture.root, { followSymlinks: true })
    expect((await request(following, 'GET /link-out.txt')).text()).toBe('the secret outside the root\n')
    expect((await request(following, 'GET /dir-link-out/inner.txt')).text()).toBe('also outside\n')
  })

  it.skipIf(!hasMkfifo)('answers 404 for a FIFO at once, instead of waiting for a writer', async () => {
    execFileSync('mkfifo', [join(fixture.root, 'pipe')])
    expect((await request(app, 'GET /pipe')).status).toBe(404)
  })

  // GHSA-92pp-h63x-v22m (@hono/node-server): `//admin/x` was served as `/admin/x` while a
  // middleware guarding `/admin/*` saw a different path. Repeated slashes are never collapsed here.
  it('never collapses repeated slashes into a file an outer layer saw under another path', async () => {
    for (const path of ['//sub/page.txt', '/sub//page.txt', '///sub/page.txt']) {
      expect((await request(app, `GET ${path}`)).status).toBe(404)
    }
  })

  // CVE-2024-43799 (send) and CVE-2024-43800 (serve-static): the redirect page echoed the path
  // as HTML. Here the Location is percent-encoded and the body is plain text.
  it('puts no markup from the path into a redirect', async () => {
    const res = await request(app, 'GET /%3Cimg%20src=x%20onerror=alert(1)%3E')
    expect(res.status).toBe(301)
    expect(res.header('content-type')).toBe('text/plain; charset=utf-8')
    expect(res.header('location')).toBe('/%3Cimg%20src=x%20onerror=alert(1)%3E/')
    expect(res.text()).not.toMatch(/[<>"]/)
  })
})
