// The Content-Security-Policy nonce in a real browser (Chromium, headless): the inline script that
// carries this request's nonce runs, one without it does not. Skipped, with the reason printed,
// where no Chromium is installed (`.ci/run` installs it).
import { existsSync } from 'node:fs'
import type { App } from '@tsgi/core'
import { serve, type TsgiServer } from '@tsgi/node'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cspNonce, NONCE, secureHeaders } from '../src/index.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const available = existsSync(CHROMIUM)
if (!available) console.warn(`browser.test.ts skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`)

const page: App = (environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'text/html; charset=utf-8']])
  const html = `<!doctype html><script nonce="${cspNonce(environ)}">window.ran = ['with nonce']</script>
<script>window.ran.push('without nonce')</script>
<script nonce="not-this-request">window.ran.push('stale nonce')</script>`
  return [new TextEncoder().encode(html)]
}

let server: TsgiServer
let browser: Browser

beforeAll(async () => {
  if (!available) return
  const app = secureHeaders(page, { contentSecurityPolicy: { 'default-src': ["'self'"], 'script-src': [NONCE] } })
  server = await serve(app, { port: 0, host: '127.0.0.1', signals: false })
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe.skipIf(!available)('secureHeaders() in Chromium', () => {
  it('runs the inline script with the nonce of this request, and blocks the others', async () => {
    const tab = await browser.newPage()
    const blocked: string[] = []
    tab.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) blocked.push(message.text())
    })
    try {
      await tab.goto(`${server.url}/`)
      expect(await tab.evaluate(() => (globalThis as { ran?: string[] }).ran)).toEqual(['with nonce'])
      expect(blocked).toHaveLength(2)
    } finally {
      await tab.close()
    }
  })
})
