import type { PGlite } from '@electric-sql/pglite'
import type { App } from '@tsgi/core'
import { type Client, client, multipartBody, request } from '@tsgi/test'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../src/database.js'
import { completeFile, storeFile } from '../src/files.js'
import { showcase } from '../src/showcase.js'

// Each test hashes passwords (scrypt) and queries PGlite: seconds on a machine busy with the
// rest of the suite, so more than vitest's default 5 s per test.
vi.setConfig({ testTimeout: 30_000 })

// One database for the file (PGlite takes seconds to start); each test signs up its own users.
let db: PGlite
let app: App
const logged: string[] = []
beforeAll(async () => {
  db = await openDatabase()
  app = showcase({
    db,
    secrets: ['a test secret that is at least 32 bytes long'],
    maxFileSize: 1024 * 1024,
    log: (line) => logged.push(line),
  })
}, 120_000)
afterAll(() => db?.close())

const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
})

async function signedUp(name: string, password = 'a good password'): Promise<Client> {
  const browser = client(app, { followRedirects: true })
  const response = await browser.post('/signup', form({ name, password }))
  expect(response.status).toBe(200)
  return browser
}

async function seed(ownerName: string, name: string, content: string, description = ''): Promise<number> {
  const { rows } = await db.query<{ id: number }>('SELECT id::int AS id FROM users WHERE name = $1', [ownerName])
  async function* once() {
    yield new TextEncoder().encode(content)
  }
  const { id } = await storeFile(db, { ownerId: rows[0]!.id, name, contentType: 'text/plain' }, once())
  await completeFile(db, id, description)
  return id
}

describe('accounts', () => {
  it('signs up, lands on the board logged in, logs out and logs in again', async () => {
    const browser = client(app, { followRedirects: true })
    const signup = await browser.post('/signup', form({ name: 'ada', password: 'analytical engine' }))
    expect(signup.redirects).toEqual([expect.objectContaining({ status: 303, location: '/' })])
    expect(signup.text()).toContain('Welcome, ada!')
    expect(signup.text()).toContain('<span class="who">ada</span>')
    expect(browser.jar.get('session')).toMatch(/./)

    // The message was shown once.
    expect((await browser.get('/')).text()).not.toContain('Welcome')

    const logout = await browser.post('/logout')
    expect(logout.text()).toContain('Log in')
    expect(logout.text()).not.toContain('class="who"')

    const login = await browser.post('/login', form({ name: 'ADA', password: 'analytical engine' }))
    expect(login.text()).toContain('Logged in as ada')
  })

  it('gives a new session id at login, so an id planted before is worth nothing', async () => {
    await signedUp('fixation')
    const browser = client(app)
    await browser.get('/upload') // logged out: a redirect to /login with a message, in a new session
    const planted = browser.jar.get('session')
    expect(planted).toMatch(/./)
    await browser.post('/login', { ...form({ name: 'fixation', password: 'a good password' }), followRedirects: true })
    expect(browser.jar.get('session')).not.toBe(planted)
    const withPlanted = await request(app, 'GET /', { headers: { cookie: `session=${planted}` } })
    expect(withPlanted.text()).not.toContain('class="who"')
  })

  it('keeps the session in an HttpOnly, SameSite=Lax cookie that holds only a signed id', async () => {
    const response = await request(app, 'POST /signup', form({ name: 'cookie', password: 'a good password' }))
    expect(response.status).toBe(303)
    const cookie = response.header('set-cookie') ?? ''
    expect(cookie).toMatch(/^session=[^;]+; Max-Age=1209600; Path=\/; HttpOnly; SameSite=Lax$/)
    expect(decodeURIComponent(cookie)).not.toContain('cookie')
  })

  it('refuses a wrong password with the form again, and keeps the name', async () => {
    await signedUp('grace')
    const browser = client(app, { followRedirects: true })
    const response = await browser.post('/login', form({ name: 'grace', password: 'not the password' }))
    expect(response.status).toBe(403)
    expect(response.text()).toContain('Wrong name or password')
    expect(response.text()).toContain('value="grace"')
    expect(browser.jar.get('session')).toBeUndefined()
  })

  it('answers a taken name and a bad name with the form and the reason', async () => {
    await signedUp('linus')
    const browser = client(app)
    const taken = await browser.post('/signup', form({ name: 'Linus', password: 'a good password' }))
    expect(taken.status).toBe(409)
    expect(taken.text()).toContain('The name Linus is taken')
    const bad = await browser.post('/signup', form({ name: '<b>', password: 'a good password' }))
    expect(bad.status).toBe(422)
    expect(bad.text()).toContain('value="&lt;b&gt;"')
  })

  it('answers 415 to a log-in that is not a form, and 413 to a huge one', async () => {
    const json = await request(app, 'POST /login', { body: '{}', headers: { 'content-type': 'application/json' } })
    expect(json.status).toBe(415)
    const huge = await request(app, 'POST /login', form({ name: 'x', password: 'p'.repeat(20_000) }))
    expect(huge.status).toBe(413)
  })
})

describe('the board', () => {
  it('lists files newest first, with escaped names and descriptions', async () => {
    await signedUp('mallory')
    await seed('mallory', '<img src=x onerror=alert(1)>.txt', 'hello', '<script>alert("x")</script>')
    const page = (await request(app, 'GET /')).text()
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;.txt')
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(page).not.toContain('<script>alert')
  })

  it('searches names and descriptions', async () => {
    await signedUp('searcher')
    await seed('searcher', 'quarterly-figures.csv', 'a', 'numbers for Q3')
    await seed('searcher', 'cat.gif', 'b', 'a cat')
    const found = (await request(app, 'GET /?q=FIGURES')).text()
    expect(found).toContain('quarterly-figures.csv')
    expect(found).not.toContain('cat.gif')
    expect((await request(app, 'GET /?q=Q3')).text()).toContain('quarterly-figures.csv')
    expect((await request(app, 'GET /?q=%3Cnothing%3E')).text()).toContain('Nothing matches “&lt;nothing&gt;”.')
  })

  it('serves its stylesheet and script from /assets', async () => {
    const css = await request(app, 'GET /assets/style.css')
    expect(css.status).toBe(200)
    expect(css.header('content-type')).toBe('text/css; charset=utf-8')
    const js = await request(app, 'GET /assets/app.js')
    expect(js.header('content-type')).toMatch(/^text\/javascript/)
  })

  it('answers a wrong method with 405 and Allow', async () => {
    const response = await request(app, 'GET /logout', { headers: { accept: 'text/html' } })
    expect(response.status).toBe(405)
    expect(response.text()).toContain('<a class="brand"')
    expect(response.header('allow')).toBe('POST, OPTIONS')
  })

  it('answers 404 with its own page, and JSON to a client that asks for it', async () => {
    const page = await request(app, 'GET /nowhere', { headers: { accept: 'text/html' } })
    expect(page.status).toBe(404)
    expect(page.text()).toContain('There is no such page')
    expect(page.text()).toContain('href="/assets/style.css"')
    const json = await request(app, 'GET /nowhere', { headers: { accept: 'application/json' } })
    expect(json.json()).toEqual({ error: { status: 404, message: 'There is no such page' } })
  })
})

describe('uploads', () => {
  const bytes = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 7) % 256)
  const count = async (table: string) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n

  it('stores a multipart upload with its description, lists it and gives the same bytes back', async () => {
    const browser = await signedUp('uploader')
    const content = bytes(600_000)
    const response = await browser.post('/upload', {
      ...multipartBody([
        ['description', '  Minutes of the meeting  '],
        { name: 'file', filename: 'minutes.pdf', value: content, contentType: 'application/pdf' },
      ]),
    })
    expect(response.text()).toContain('Uploaded 585.9 KiB')
    expect(response.text()).toContain('>minutes.pdf</a>')
    expect(response.text()).toContain('<p class="description">Minutes of the meeting</p>')
    const id = /\/files\/(\d+)\/minutes\.pdf/.exec(response.text())![1]
    const download = await request(app, `GET /files/${id}/minutes.pdf`)
    expect(Buffer.from(download.body).equals(Buffer.from(content))).toBe(true)
  })

  it('writes the file to the database while it arrives, not after the whole body', async () => {
    const browser = await signedUp('streamer')
    const piece = 256 * 1024
    const { body, contentType, boundary } = multipartBody([
      ['description', 'streamed'],
      { name: 'file', filename: 'stream.bin', value: bytes(3 * piece) },
    ])
    const closing = body.length - `\r\n--${boundary}--\r\n`.length // where the closing delimiter starts
    const before = await count('file_chunks')
    let storedBeforeTheEnd = -1
    async function* slowly(): AsyncGenerator<Uint8Array> {
      for (let offset = 0; offset < closing; offset += 64 * 1024)
        yield body.subarray(offset, Math.min(offset + 64 * 1024, closing))
      // Everything but the closing delimiter has been sent: the file's full chunks must be stored already.
      await new Promise((resolve) => setTimeout(resolve, 50))
      storedBeforeTheEnd = (await count('file_chunks')) - before
      yield body.subarray(closing)
    }
    const response = await browser.post('/upload', { body: slowly(), headers: { 'content-type': contentType } })
    expect(response.text()).toContain('Uploaded 768.0 KiB')
    expect(storedBeforeTheEnd).toBeGreaterThanOrEqual(2)
    expect((await count('file_chunks')) - before).toBe(3)
  })

  it('keeps nothing of an upload whose client goes away midway', async () => {
    const browser = await signedUp('quitter')
    const { body, contentType } = multipartBody([{ name: 'file', filename: 'half.bin', value: bytes(900_000) }])
    const [files, chunks] = [await count('files'), await count('file_chunks')]
    async function* halfThenGone(): AsyncGenerator<Uint8Array> {
      yield body.subarray(0, 600_000)
      throw new Error('the client went away')
    }
    const response = await browser.post('/upload', { body: halfThenGone(), headers: { 'content-type': contentType } })
    expect(response.status).toBe(500)
    expect(response.errors).toContain('the client went away')
    expect([await count('files'), await count('file_chunks')]).toEqual([files, chunks])
  })

  it('takes the description after the file as well, and keeps only the base name of a path', async () => {
    const browser = await signedUp('pathy')
    const response = await browser.post('/upload', {
      ...multipartBody([
        { name: 'file', filename: 'C:\\Users\\me\\notes.txt', value: 'notes' },
        ['description', 'sent last'],
      ]),
    })
    expect(response.text()).toContain('>notes.txt</a>')
    expect(response.text()).toContain('sent last')
  })

  it('cuts a long file name to 255 characters, never inside an emoji', async () => {
    const browser = await signedUp('emoji')
    const response = await browser.post('/upload', {
      ...multipartBody([{ name: 'file', filename: `${'a'.repeat(254)}😀😀.txt`, value: 'x' }]),
    })
    const id = /\/files\/(\d+)\//.exec(response.text())![1]
    const download = await request(app, `GET /files/${id}`)
    expect(download.status).toBe(200)
    expect(download.header('content-disposition')).toMatch(/filename\*=UTF-8''a{254}%F0%9F%98%80$/)
  })

  it('refuses a file over the limit with a 413 that says so, and keeps nothing of it', async () => {
    const browser = await signedUp('toobig')
    const [files, chunks] = [await count('files'), await count('file_chunks')]
    const response = await browser.post('/upload', {
      ...multipartBody([
        ['description', 'too big'],
        { name: 'file', filename: 'big.bin', value: bytes(1024 * 1024 + 1) },
      ]),
    })
    expect(response.status).toBe(413)
    expect(response.text()).toContain('The file is larger than 1.0 MiB')
    expect(response.text()).toContain('>too big</textarea>')
    expect([await count('files'), await count('file_chunks')]).toEqual([files, chunks])
  })

  it('answers 422 when no file was chosen, and 413 for a description that is too long', async () => {
    const browser = await signedUp('nofile')
    const none = await browser.post('/upload', {
      ...multipartBody([['description', 'x'], { name: 'file', filename: '', value: '' }]),
    })
    expect(none.status).toBe(422)
    expect(none.text()).toContain('Choose a file to upload')
    const long = await browser.post('/upload', {
      ...multipartBody([['description', 'x'.repeat(5000)], { name: 'file', filename: 'a.txt', value: 'a' }]),
    })
    expect(long.status).toBe(413)
    expect(long.text()).toContain('A description is at most 1000 characters')
  })

  it('sends a visitor who is not logged in to the log-in page, and refuses a body that is not multipart', async () => {
    const anonymous = await request(app, 'POST /upload', {
      ...multipartBody([{ name: 'file', filename: 'a.txt', value: 'a' }]),
    })
    expect(anonymous.status).toBe(303)
    expect(anonymous.header('location')).toBe('/login')
    const browser = await signedUp('wrongtype')
    const json = await browser.post('/upload', { body: '{}', headers: { 'content-type': 'application/json' } })
    expect(json.status).toBe(415)
  })
})

describe('downloads and deletes', () => {
  it('downloads a file as an attachment of type application/octet-stream, whatever it was uploaded as', async () => {
    await signedUp('dana')
    const id = await seed('dana', 'page "one" é.html', '<script>alert(1)</script>')
    const response = await request(app, `GET /files/${id}/page.html`)
    expect(response.status).toBe(200)
    expect(response.text()).toBe('<script>alert(1)</script>')
    expect(response.header('content-type')).toBe('application/octet-stream')
    expect(response.header('content-length')).toBe('25')
    expect(response.header('content-disposition')).toBe(
      `attachment; filename="page _one_ _.html"; filename*=UTF-8''page%20%22one%22%20%C3%A9.html`,
    )
    expect(response.header('etag')).toMatch(/^"[0-9a-f]{64}"$/)
    expect((await request(app, `GET /files/${id}`)).text()).toBe('<script>alert(1)</script>')
    const again = await request(app, `GET /files/${id}`, { headers: { 'if-none-match': response.header('etag')! } })
    expect([again.status, again.body.length]).toEqual([304, 0])
    const head = await request(app, `HEAD /files/${id}`)
    expect([head.status, head.header('content-length'), head.body.length]).toEqual([200, '25', 0])
  })

  it('answers 404 for a file that does not exist and 400 for an id that is not one', async () => {
    expect((await request(app, 'GET /files/999999')).status).toBe(404)
    expect((await request(app, 'GET /files/01')).status).toBe(400)
    expect((await request(app, 'GET /files/1e3')).status).toBe(400)
  })

  it('lets the owner delete a file, and no one else', async () => {
    const owner = await signedUp('owner')
    const stranger = await signedUp('stranger')
    const id = await seed('owner', 'owned.txt', 'mine')
    expect((await stranger.get('/')).text()).not.toContain(`/files/${id}/delete`)
    expect((await owner.get('/')).text()).toContain(`/files/${id}/delete`)
    const refused = await stranger.post(`/files/${id}/delete`)
    expect(refused.status).toBe(403)
    const anonymous = await client(app).post(`/files/${id}/delete`)
    expect(anonymous.status).toBe(303)
    expect(anonymous.header('location')).toBe('/login')
    const deleted = await owner.post(`/files/${id}/delete`)
    expect(deleted.text()).toContain('Deleted owned.txt')
    expect((await request(app, `GET /files/${id}`)).status).toBe(404)
  })
})

describe('mounted under a prefix', () => {
  it('makes its links and redirects under SCRIPT_NAME', async () => {
    const browser = client(app, { followRedirects: true })
    const page = await browser.get('/showcase/login', { scriptName: '/showcase' })
    expect(page.text()).toContain('action="/showcase/login"')
    expect(page.text()).toContain('href="/showcase/assets/style.css"')
    const signup = await browser.post('/showcase/signup', {
      scriptName: '/showcase',
      ...form({ name: 'mounted', password: 'a good password' }),
    })
    expect(signup.redirects[0]?.location).toBe('/showcase/')
  })
})

describe('the layers', () => {
  it('sends a Content-Security-Policy whose nonce is the one on the page script, new for each response', async () => {
    const one = await request(app, 'GET /login')
    const two = await request(app, 'GET /login')
    const nonce = /'nonce-([^']+)'/.exec(one.header('content-security-policy') ?? '')?.[1]
    expect(nonce).toBeDefined()
    expect(one.text()).toContain(`<script src="/assets/app.js" nonce="${nonce}" defer>`)
    expect(two.header('content-security-policy')).not.toContain(nonce)
    expect(one.header('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(one.header('x-frame-options')).toBe('DENY')
    expect(one.header('x-content-type-options')).toBe('nosniff')
  })

  it('puts the security headers on error pages too', async () => {
    const response = await request(app, 'GET /nowhere', { headers: { accept: 'text/html' } })
    expect(response.status).toBe(404)
    expect(response.header('content-security-policy')).toMatch(/'nonce-[^']+'/)
    const nonce = /'nonce-([^']+)'/.exec(response.header('content-security-policy')!)![1]
    expect(response.text()).toContain(`nonce="${nonce}"`)
  })

  it('refuses a cross-site form post with a 403 before the app runs', async () => {
    const browser = await signedUp('victim')
    const id = await seed('victim', 'precious.txt', 'keep me')
    const attack = await browser.post(`/files/${id}/delete`, {
      headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example', accept: 'text/html' },
    })
    expect(attack.status).toBe(403)
    expect(attack.text()).toContain('Cross-origin request refused')
    expect((await request(app, `GET /files/${id}`)).status).toBe(200)
    const sameOrigin = await browser.post(`/files/${id}/delete`, { headers: { 'sec-fetch-site': 'same-origin' } })
    expect(sameOrigin.text()).toContain('Deleted precious.txt')
  })

  it('compresses pages for a client that accepts it, and never a download', async () => {
    await signedUp('zipper')
    const id = await seed('zipper', 'text.txt', 'x'.repeat(10_000))
    for (let n = 0; n < 20; n++) await seed('zipper', `filler-${n}.txt`, 'y', 'a description long enough to matter')
    const page = await request(app, 'GET /', { headers: { 'accept-encoding': 'gzip' } })
    expect(page.header('content-encoding')).toBe('gzip')
    expect(page.header('vary')).toContain('Accept-Encoding')
    const file = await request(app, `GET /files/${id}`, { headers: { 'accept-encoding': 'gzip' } })
    expect(file.header('content-encoding')).toBeUndefined()
    expect(file.body.length).toBe(10_000)
  })
})

describe('the outer layers', () => {
  it('answers the health probes before anything else, the database checked', async () => {
    const live = await request(app, 'GET /healthz')
    expect(live.status).toBe(200)
    const ready = await request(app, 'GET /readyz', { headers: { accept: 'application/json' } })
    expect(ready.status).toBe(200)
    expect(ready.header('content-security-policy')).toBeUndefined() // outside every other layer
  })

  it('logs each response in Combined Log Format, with the client address a local proxy forwarded', async () => {
    logged.length = 0
    await request(app, 'GET /?q=log', {
      headers: { 'x-forwarded-for': '203.0.113.9', 'user-agent': 'probe/1.0', referer: 'http://example.test/' },
    })
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatch(
      /^203\.0\.113\.9 - - \[[^\]]+\] "GET \/\?q=log HTTP\/1\.1" 200 \d+ "http:\/\/example\.test\/" "probe\/1\.0"\n$/,
    )
  })
})
