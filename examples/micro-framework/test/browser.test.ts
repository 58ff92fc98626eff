// The request policy in a real browser (Chromium, headless): what a page on another origin can and
// cannot do with the users API. The API is served on 127.0.0.1 with one trusted origin; pages are
// served from a second port of 127.0.0.1 (trusted, same-site) and from localhost (cross-site).
// Skipped, with the reason printed, where no Chromium is installed (`.ci/run` installs it).
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve, type TsgiServer } from '@tsgi/node'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUsersApp } from '../src/app.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const available = existsSync(CHROMIUM)
if (!available) console.warn(`browser.test.ts skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`)

let api: TsgiServer
let pages: Server
let browser: Browser
let trusted: string // a page origin the API trusts: http://127.0.0.1:<port>
let foreign: string // a page origin it does not: http://localhost:<port>

beforeAll(async () => {
  if (!available) return
  pages = createServer((req, res) => {
    // A page that posts a form to the API, for the cross-site form test.
    const target = new URL(req.url ?? '/', 'http://x').searchParams.get('form')
    res.setHeader('content-type', 'text/html')
    res.end(
      target ? `<form method="post" action="${target}"><input name="name" value="Mallory"></form>` : '<p>page</p>',
    )
  })
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve))
  const port = (pages.address() as AddressInfo).port
  trusted = `http://127.0.0.1:${port}`
  foreign = `http://localhost:${port}`
  api = await serve(createUsersApp({ origins: [trusted] }), { port: 0, host: '127.0.0.1', signals: false })
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await api?.close()
  await new Promise((resolve) => (pages ? pages.close(resolve) : resolve(undefined)))
})

/** Runs `fetch` in a page of `origin` against the API; resolves to the status, or the error's name. */
async function fetchFrom(origin: string, path: string, init: RequestInit): Promise<number | string> {
  const page = await browser.newPage()
  try {
    await page.goto(`${origin}/`)
    return await page.evaluate(
      async ([url, options]) => {
        try {
          return (await fetch(url, options)).status
        } catch (error) {
          return (error as Error).name
        }
      },
      [`${api.url}${path}`, init] as const,
    )
  } finally {
    await page.close()
  }
}

describe.skipIf(!available)('the users API in Chromium', () => {
  it('lets the trusted origin create a user with credentials, through a preflight', async () => {
    const status = await fetchFrom(trusted, '/users', {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' }, // not a simple request: a preflight first
      body: JSON.stringify({ name: 'Ada' }),
    })
    expect(status).toBe(201)
  })

  it('hides the answer from a foreign origin, and its preflight stops the write before it is sent', async () => {
    const before = await (await fetch(`${api.url}/users`)).json()
    const status = await fetchFrom(foreign, '/users', {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Mallory' }),
    })
    expect(status).toBe('TypeError') // the browser refused: no CORS headers for this origin
    expect(await (await fetch(`${api.url}/users`)).json()).toEqual(before)
  })

  it('refuses a cross-site form post (no preflight for forms) with a 403, and creates nothing', async () => {
    const before = await (await fetch(`${api.url}/users`)).json()
    const page = await browser.newPage()
    try {
      await page.goto(`${foreign}/?form=${encodeURIComponent(`${api.url}/users`)}`)
      const [response] = await Promise.all([
        page.waitForNavigation(),
        page.locator('form').evaluate((form) => (form as { submit(): void }).submit()),
      ])
      expect(response?.status()).toBe(403)
      expect(await page.content()).toContain('Cross-origin request refused')
    } finally {
      await page.close()
    }
    expect(await (await fetch(`${api.url}/users`)).json()).toEqual(before)
  })
})
