// The board end to end in a real browser: Chromium from the system's packages, driven by
// playwright-core (no browser download), against the real server on 127.0.0.1. Screenshots of
// each page go to examples/showcase/test-output/. Skipped, with the reason printed, when Chromium
// is missing or does not start (`.ci/run` installs it).
import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PGlite } from '@electric-sql/pglite'
import type { App } from '@tsgi/core'
import { serve, type TsgiServer } from '@tsgi/node'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../src/database.js'
import { showcase } from '../src/showcase.js'

// Each test hashes passwords (scrypt) and queries PGlite: seconds on a machine busy with the
// rest of the suite, so more than vitest's default 5 s per test.
vi.setConfig({ testTimeout: 30_000 })

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const OUTPUT = fileURLToPath(new URL('../test-output/', import.meta.url))
const FILE_SIZE = 5 * 1024 * 1024

const scratch = await mkdtemp(join(tmpdir(), 'showcase-browser-'))
const browser = await launch()

/** A persistent context on a fresh profile, or `undefined` with the reason printed. */
async function launch(): Promise<BrowserContext | undefined> {
  if (!existsSync(CHROMIUM)) {
    console.warn(`browser.test.ts skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH, or apt-get install chromium)`)
    return undefined
  }
  try {
    return await chromium.launchPersistentContext(join(scratch, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      acceptDownloads: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
  } catch (error) {
    console.warn(`browser.test.ts skipped: Chromium at ${CHROMIUM} did not start: ${(error as Error).message}`)
    return undefined
  }
}

// The attacker's site: another origin (localhost, where the board is 127.0.0.1) with a form that
// posts to the board, as a link in an email would lead to.
function evilSite(target: string): App {
  return (_environ, startResponse) => {
    startResponse('200 OK', [['content-type', 'text/html; charset=utf-8']])
    return [
      new TextEncoder().encode(`<!doctype html><title>Win a prize</title>
<form method="post" action="${target}"><button type="submit">Claim your prize</button></form>`),
    ]
  }
}

let db: PGlite
let server: TsgiServer
let evil: TsgiServer | undefined
let page: Page
let original: Buffer
let uploadPath: string
let shot = 0

beforeAll(async () => {
  if (browser === undefined) return
  await mkdir(OUTPUT, { recursive: true })
  original = randomBytes(FILE_SIZE)
  uploadPath = join(scratch, 'holiday-photos.bin')
  await writeFile(uploadPath, original)
  db = await openDatabase()
  server = await serve(showcase({ db, log: false, maxFileSize: 6 * 1024 * 1024 }), {
    port: 0,
    host: '127.0.0.1',
    errors: { write() {} },
  })
  page = await browser.newPage()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await evil?.close()
  await server?.close()
  await db?.close()
  await rm(scratch, { recursive: true, force: true })
})

async function screenshot(name: string): Promise<void> {
  shot++
  await page.screenshot({ path: join(OUTPUT, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true })
}

const url = (path: string) => `${server.url}${path}`

describe.skipIf(browser === undefined)('the board in Chromium', () => {
  it('signs up, and the page script runs with its CSP nonce', async () => {
    await page.goto(url('/signup'))
    await screenshot('signup')
    await page.fill('input[name=name]', 'ada')
    await page.fill('input[name=password]', 'analytical engine')
    await Promise.all([page.waitForURL(url('/')), page.click('button:has-text("Sign up")')])
    expect(await page.textContent('[role=status]')).toBe('Welcome, ada!')
    expect(await page.textContent('.who')).toBe('ada')
    expect(await page.getAttribute('html', 'data-script')).toBe('ran')
    await screenshot('board-empty')
  })

  it('logs out and logs in again', async () => {
    await Promise.all([page.waitForURL(url('/')), page.click('button:has-text("Log out")')])
    expect(await page.locator('.who').count()).toBe(0)
    await page.click('a:has-text("Log in")')
    await page.fill('input[name=name]', 'ada')
    await page.fill('input[name=password]', 'wrong password')
    await page.click('button:has-text("Log in")')
    await page.waitForSelector('[role=status]:has-text("Wrong name or password")')
    await screenshot('login-refused')
    await page.fill('input[name=password]', 'analytical engine')
    await Promise.all([page.waitForURL(url('/')), page.click('button:has-text("Log in")')])
    expect(await page.textContent('[role=status]')).toBe('Logged in as ada')
  })

  it('refuses a file over the limit in the page, before sending it', async () => {
    await page.click('a:has-text("Upload")')
    const tooBig = join(scratch, 'too-big.bin')
    await writeFile(tooBig, new Uint8Array(6 * 1024 * 1024 + 1))
    await page.setInputFiles('input[name=file]', tooBig)
    const message = await page.$eval(
      'input[name=file]',
      (input) => (input as { validationMessage: string }).validationMessage,
    )
    expect(message).toBe('The file is larger than 6.0 MiB')
    const posted: string[] = []
    const onRequest = (request: { method(): string; url(): string }) => {
      if (request.method() === 'POST') posted.push(request.url())
    }
    page.on('request', onRequest)
    await page.click('button:has-text("Upload")') // the browser's own validation stops the submit
    page.off('request', onRequest)
    expect(posted).toEqual([])
    expect(page.url()).toBe(url('/upload'))
  })

  it('uploads a 5 MiB file through the form and lists it', async () => {
    await page.fill('textarea[name=description]', 'Photos from the <b>holiday</b>')
    await page.setInputFiles('input[name=file]', uploadPath)
    expect(await page.textContent('output.chosen')).toBe('holiday-photos.bin, 5.0 MiB')
    await screenshot('upload')
    await Promise.all([page.waitForURL(url('/'), { timeout: 30_000 }), page.click('button:has-text("Upload")')])
    expect(await page.textContent('[role=status]')).toBe('Uploaded 5.0 MiB')
    expect(await page.textContent('.file .download')).toBe('holiday-photos.bin')
    expect(await page.textContent('.file .description')).toBe('Photos from the <b>holiday</b>')
    expect(await page.textContent('.file .size')).toBe('5.0 MiB')
    await screenshot('board-with-file')
  })

  it('finds it by searching, and finds nothing for another word', async () => {
    await page.fill('input[name=q]', 'HOLIDAY')
    await Promise.all([page.waitForURL(/\?q=HOLIDAY/), page.click('button:has-text("Search")')])
    expect(await page.locator('.file').count()).toBe(1)
    await screenshot('search')
    await page.fill('input[name=q]', 'taxes')
    await Promise.all([page.waitForURL(/\?q=taxes/), page.click('button:has-text("Search")')])
    expect(await page.textContent('.empty')).toBe('Nothing matches “taxes”.')
    await page.goto(url('/'))
  })

  it('downloads it, byte for byte', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.file .download')])
    expect(download.suggestedFilename()).toBe('holiday-photos.bin')
    const saved = await readFile((await download.path())!)
    expect(saved.length).toBe(FILE_SIZE)
    expect(createHash('sha256').update(saved).digest('hex')).toBe(createHash('sha256').update(original).digest('hex'))
  })

  it('logs out', async () => {
    await Promise.all([page.waitForURL(url('/')), page.click('button:has-text("Log out")')])
    expect(await page.locator('.who').count()).toBe(0)
    expect(await page.locator('.delete').count()).toBe(0)
    await screenshot('logged-out')
  })

  it('refuses a form posted from another site (csrf), and the file stays', async () => {
    await page.goto(url('/login'))
    await page.fill('input[name=name]', 'ada')
    await page.fill('input[name=password]', 'analytical engine')
    await Promise.all([page.waitForURL(url('/')), page.click('button:has-text("Log in")')])
    const action = await page.getAttribute('.file form', 'action')
    expect(action).toMatch(/^\/files\/\d+\/delete$/)
    evil = await serve(evilSite(url(action!)), { port: 0, host: '127.0.0.1', errors: { write() {} } })
    await page.goto(`http://localhost:${evil.port}/`)
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === url(action!)),
      page.click('button:has-text("Claim your prize")'),
    ])
    expect(response.status()).toBe(403)
    expect(await page.textContent('.error')).toMatch(/^Cross-origin request refused/)
    await screenshot('csrf-refused')
    await page.goto(url('/'))
    expect(await page.textContent('.file .download')).toBe('holiday-photos.bin')
  })

  it('deletes the file with its own button, and shows a 404 page for a page that is not there', async () => {
    await Promise.all([page.waitForURL(url('/')), page.click('.file button:has-text("Delete")')])
    expect(await page.textContent('[role=status]')).toBe('Deleted holiday-photos.bin')
    expect(await page.locator('.file').count()).toBe(0)
    await screenshot('deleted')
    await page.goto(url('/no-such-page'))
    expect(await page.textContent('.error')).toBe('There is no such page')
    await screenshot('not-found')
  })
})
