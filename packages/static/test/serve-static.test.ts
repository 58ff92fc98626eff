import { relative } from 'node:path'
import { type App, shiftPathInfo } from '@tsgi/core'
import { mount } from '@tsgi/router'
import { request } from '@tsgi/test'
import { afterAll, describe, expect, it } from 'vitest'
import { serveStatic } from '../src/index.js'
import { type Fixture, MTIME, makeFixture } from './_fixture.js'

const fixture: Fixture = makeFixture()
afterAll(() => fixture.remove())
const app = serveStatic(fixture.root)
const encoder = new TextEncoder()

describe('serveStatic(root)', () => {
  it('serves a file with its type, length, validators and cache headers', async () => {
    const res = await request(app, 'GET /hello.txt')
    expect(res.status).toBe(200)
    expect(res.text()).toBe('Hello, world!\n')
    expect(res.header('content-type')).toBe('text/plain; charset=utf-8')
    expect(res.header('content-length')).toBe('14')
    expect(res.header('accept-ranges')).toBe('bytes')
    expect(res.header('last-modified')).toBe(MTIME.toUTCString())
    expect(res.header('etag')).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/)
    expect(res.header('cache-control')).toBe('public, max-age=0')
    expect(res.header('vary')).toBeUndefined()
  })

  it('gives each extension its media type, binary ones without a charset', async () => {
    expect((await request(app, 'GET /style.css')).header('content-type')).toBe('text/css; charset=utf-8')
    expect((await request(app, 'GET /index.html')).header('content-type')).toBe('text/html; charset=utf-8')
    expect((await request(app, 'GET /big.bin')).header('content-type')).toBe('application/octet-stream')
  })

  it('streams a file larger than one chunk in 64 KiB chunks, byte for byte', async () => {
    const res = await request(app, 'GET /big.bin')
    expect(res.header('content-length')).toBe(String(200 * 1024))
    expect(Buffer.from(res.body).equals(fixture.big)).toBe(true)
  })

  it('sends Content-Length 0 and no body for an empty file', async () => {
    const res = await request(app, 'GET /empty.txt')
    expect(res.status).toBe(200)
    expect(res.header('content-length')).toBe('0')
    expect(res.body.length).toBe(0)
  })

  it('answers HEAD with the headers of GET and no body', async () => {
    for (const path of ['/hello.txt', '/big.bin', '/sub/']) {
      const get = await request(app, `GET ${path}`)
      const head = await request(app, `HEAD ${path}`)
      expect(head.status).toBe(200)
      expect(head.headers).toEqual(get.headers)
      expect(head.body.length).toBe(0)
    }
  })

  it('serves a decoded Unicode name', async () => {
    expect((await request(app, 'GET /caf%C3%A9.txt')).text()).toBe('un café\n')
  })

  it('answers a missing file with 404', async () => {
    const res = await request(app, 'GET /nope.txt')
    expect(res.status).toBe(404)
    expect(res.text()).toBe('Not Found\n')
  })

  it('answers other methods with 405 and Allow: GET, HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const res = await request(app, `${method} /hello.txt`)
      expect(res.status).toBe(405)
      expect(res.header('allow')).toBe('GET, HEAD')
    }
  })

  it('sets max-age and immutable from the options', async () => {
    const cached = serveStatic(fixture.root, { maxAge: 31536000, immutable: true })
    expect((await request(cached, 'GET /hello.txt')).header('cache-control')).toBe(
      'public, max-age=31536000, immutable',
    )
  })

  it('leaves out ETag and Last-Modified when they are turned off', async () => {
    const bare = serveStatic(fixture.root, { etag: false, lastModified: false })
    const res = await request(bare, 'GET /hello.txt')
    expect(res.header('etag')).toBeUndefined()
    expect(res.header('last-modified')).toBeUndefined()
  })

  it('takes a relative root from the working directory', async () => {
    const relativeApp = serveStatic(relative(process.cwd(), fixture.root))
    expect((await request(relativeApp, 'GET /hello.txt')).text()).toBe('Hello, world!\n')
    expect((await request(relativeApp, 'GET /../secret.txt')).status).toBe(404)
  })
})

describe('serveStatic(root): directories', () => {
  it('serves the index file of a directory asked for with its slash', async () => {
    expect((await request(app, 'GET /')).text()).toBe('<h1>home</h1>\n')
    expect((await request(app, 'GET /sub/')).text()).toBe('<h1>sub</h1>\n')
  })

  it('answers 404 for a directory without an index, never a listing', async () => {
    expect((await request(app, 'GET /noindex/')).status).toBe(404)
    expect((await request(serveStatic(fixture.root, { index: false }), 'GET /sub/')).status).toBe(404)
  })

  it('takes a single index name as a string', async () => {
    expect((await request(serveStatic(fixture.root, { index: 'page.txt' }), 'GET /sub/')).text()).toBe('a page\n')
  })

  it('tries the index names in order', async () => {
    const custom = serveStatic(fixture.root, { index: ['missing.html', 'page.txt'] })
    expect((await request(custom, 'GET /sub/')).text()).toBe('a page\n')
  })

  it('redirects a directory without its slash, keeping the query', async () => {
    const res = await request(app, 'GET /sub?x=1&y=%2F')
    expect(res.status).toBe(301)
    expect(res.header('location')).toBe('/sub/?x=1&y=%2F')
  })

  it('keeps the mount prefix (SCRIPT_NAME) in the redirect, and redirects the mount point itself', async () => {
    const mounted = mount('/assets', app)
    const res = await request(mounted, 'GET /assets/sub?v=2')
    expect(res.header('location')).toBe('/assets/sub/?v=2')
    const top = await request(mounted, 'GET /assets')
    expect(top.status).toBe(301)
    expect(top.header('location')).toBe('/assets/')
    expect((await request(mounted, 'GET /assets/')).text()).toBe('<h1>home</h1>\n')
  })

  it('serves the index, without a redirect loop, after shiftPathInfo shifted the trailing slash', async () => {
    const shifted: App = (environ, startResponse) => {
      const { environ: inner } = shiftPathInfo(shiftPathInfo(environ).environ)
      return app(inner, startResponse)
    }
    const res = await request(shifted, 'GET /sub/')
    expect(res.status).toBe(200)
    expect(res.text()).toBe('<h1>home</h1>\n')
  })

  it('never redirects to another host', async () => {
    for (const path of [
      '//evil.example',
      '//evil.example/',
      '///evil.example',
      '/%2F%2Fevil.example',
      '/\\evil.example',
    ]) {
      const res = await request(app, `GET ${path}`)
      expect([400, 404]).toContain(res.status)
      expect(res.header('location')).toBeUndefined()
    }
    // Even a SCRIPT_NAME that starts with two slashes yields a path, not a network-path reference.
    const res = await request(app, 'GET //evil.example/sub', { scriptName: '//evil.example' })
    expect(res.header('location')).toBe('/evil.example/sub/')
  })

  it('percent-encodes the path in the Location', async () => {
    const res = await request(app, 'GET /sub', { scriptName: '' })
    expect(res.header('location')).toBe('/sub/')
    const odd = await request(mount('/a b?#', app), 'GET /a%20b%3F%23/sub')
    expect(odd.header('location')).toBe('/a%20b%3F%23/sub/')
  })
})

describe('serveStatic(root, { extensions, dotfiles })', () => {
  it('tries the fallback extensions in order for a name without a file', async () => {
    const pretty = serveStatic(fixture.root, { extensions: ['txt', 'html'] })
    expect((await request(pretty, 'GET /about')).text()).toBe('<h1>about</h1>\n')
    expect((await request(pretty, 'GET /hello')).text()).toBe('Hello, world!\n')
    expect((await request(app, 'GET /about')).status).toBe(404)
  })

  it("serves dotfiles with dotfiles: 'allow'", async () => {
    const open = serveStatic(fixture.root, { dotfiles: 'allow' })
    expect((await request(open, 'GET /.env')).text()).toBe('SECRET=1\n')
    expect((await request(open, 'GET /.git/config')).text()).toBe('[core]\n')
  })
})

describe('serveStatic(root, { cascade })', () => {
  const inner: App = (environ, startResponse) => {
    startResponse('200 OK', [['content-type', 'text/plain']])
    return [encoder.encode(`app: ${environ.REQUEST_METHOD} ${environ.PATH_INFO}`)]
  }
  const cascading = serveStatic(fixture.root, { cascade: inner })

  it('serves the files it has', async () => {
    expect((await request(cascading, 'GET /hello.txt')).text()).toBe('Hello, world!\n')
  })

  it('falls through to the app on a miss, a refused path or another method', async () => {
    expect((await request(cascading, 'GET /api/users')).text()).toBe('app: GET /api/users')
    expect((await request(cascading, 'GET /.env')).text()).toBe('app: GET /.env')
    expect((await request(cascading, 'GET /noindex/')).text()).toBe('app: GET /noindex/')
    expect((await request(cascading, 'POST /hello.txt')).text()).toBe('app: POST /hello.txt')
  })
})

describe('serveStatic(root, { precompressed })', () => {
  const compressed = serveStatic(fixture.root, { precompressed: true })

  it('serves the best accepted sibling with Content-Encoding, the original type and Vary', async () => {
    const res = await request(compressed, 'GET /app.js', { headers: { 'accept-encoding': 'gzip, br' } })
    expect(res.text()).toBe('BROTLI BYTES')
    expect(res.header('content-encoding')).toBe('br')
    expect(res.header('content-type')).toBe('text/javascript; charset=utf-8')
    expect(res.header('content-length')).toBe('12')
    expect(res.header('vary')).toBe('accept-encoding')
  })

  it('breaks ties between equal q-values by the order of the option', async () => {
    const gzipFirst = serveStatic(fixture.root, { precompressed: ['gzip', 'br'] })
    const res = await request(gzipFirst, 'GET /app.js', { headers: { 'accept-encoding': 'br, gzip' } })
    expect(res.header('content-encoding')).toBe('gzip')
    const star = await request(gzipFirst, 'GET /app.js', { headers: { 'accept-encoding': '*;q=0.5, gzip;q=0' } })
    expect(star.header('content-encoding')).toBe('br')
  })

  it('follows q-values, and falls back to the identity file', async () => {
    const gzip = await request(compressed, 'GET /app.js', { headers: { 'accept-encoding': 'br;q=0.5, gzip' } })
    expect(gzip.header('content-encoding')).toBe('gzip')
    const refused = await request(compressed, 'GET /app.js', { headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } })
    expect(refused.text()).toBe('console.log("plain")\n')
    expect(refused.header('content-encoding')).toBeUndefined()
    expect(refused.header('vary')).toBe('accept-encoding')
    const none = await request(compressed, 'GET /app.js')
    expect(none.header('content-encoding')).toBeUndefined()
    expect(none.header('vary')).toBe('accept-encoding')
  })

  it('uses a sibling that exists when the preferred one does not', async () => {
    const res = await request(compressed, 'GET /only-gzip.css', { headers: { 'accept-encoding': 'br, gzip' } })
    expect(res.text()).toBe('GZIPPED CSS')
    expect(res.header('content-encoding')).toBe('gzip')
  })

  it('gives each coding its own ETag', async () => {
    const plain = await request(compressed, 'GET /app.js')
    const br = await request(compressed, 'GET /app.js', { headers: { 'accept-encoding': 'br' } })
    expect(br.header('etag')).not.toBe(plain.header('etag'))
    const revalidated = await request(compressed, 'GET /app.js', {
      headers: { 'accept-encoding': 'br', 'if-none-match': br.header('etag')! },
    })
    expect(revalidated.status).toBe(304)
    expect(revalidated.header('vary')).toBe('accept-encoding')
  })

  it('ignores siblings unless asked to', async () => {
    const res = await request(app, 'GET /app.js', { headers: { 'accept-encoding': 'br' } })
    expect(res.header('content-encoding')).toBeUndefined()
  })
})

describe('serveStatic(root, options): argument errors', () => {
  it('throws a TypeError naming the argument and what it got', () => {
    expect(() => serveStatic(42 as never)).toThrow('serveStatic(): root must be a directory path, got 42')
    expect(() => serveStatic(fixture.root, { maxAge: -1 })).toThrow(/options\.maxAge .* got -1/)
    expect(() => serveStatic(fixture.root, { dotfiles: 'ignore' as never })).toThrow(/options\.dotfiles/)
    expect(() => serveStatic(fixture.root, { index: ['../x'] })).toThrow(/options\.index/)
    expect(() => serveStatic(fixture.root, { extensions: ['.html'] })).toThrow(/options\.extensions/)
    expect(() => serveStatic(fixture.root, { precompressed: ['deflate' as never] })).toThrow(/options\.precompressed/)
    expect(() => serveStatic(fixture.root, { cascade: 'app' as never })).toThrow(
      /options\.cascade must be an app, got "app"/,
    )
    expect(() => serveStatic(fixture.root, { followSymlinks: 'yes' as never })).toThrow(TypeError)
  })

  it('throws a RangeError for a root that is missing or not a directory', () => {
    expect(() => serveStatic(`${fixture.root}/nope`)).toThrow(RangeError)
    expect(() => serveStatic(`${fixture.root}/hello.txt`)).toThrow(/is not a directory/)
  })
})
