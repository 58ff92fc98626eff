import { execFile, execFileSync } from 'node:child_process'
import { type ClientHttp2Session, connect, constants, type IncomingHttpHeaders } from 'node:http2'
import { request as httpsRequest } from 'node:https'
import type { App } from '@tsgi/core'
import { afterEach, describe, expect, it } from 'vitest'
import { serve, type TsgiServer } from '../src/index.js'
import { encoder, eventually, gate } from './helpers.js'
import { certificate } from './tls.js'

// HTTP/2 and HTTPS in serve() (spec §6.7): the environ from a stream, the response as frames,
// flow control as back-pressure, RST_STREAM as the client leaving, GOAWAY on close.
const servers: TsgiServer[] = []
const sessions: ClientHttp2Session[] = []
afterEach(async () => {
  for (const session of sessions.splice(0)) session.destroy()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function start(app: App, options: Parameters<typeof serve>[1] = {}): Promise<TsgiServer> {
  const server = await serve(app, { port: 0, ...options })
  servers.push(server)
  return server
}

function session(url: string): ClientHttp2Session {
  const client = connect(url, { rejectUnauthorized: false })
  client.on('error', () => {})
  sessions.push(client)
  return client
}

interface Answer {
  headers: IncomingHttpHeaders
  body: string
}

function h2(client: ClientHttp2Session, headers: Record<string, string | string[]>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const stream = client.request(headers, { endStream: body === undefined })
    let text = ''
    let head: IncomingHttpHeaders = {}
    stream.setEncoding('utf8')
    stream.on('response', (received) => (head = received))
    stream.on('data', (chunk: string) => (text += chunk))
    stream.on('end', () => resolve({ headers: head, body: text }))
    stream.on('error', reject)
    if (body !== undefined) stream.end(body)
  })
}

const echo: App = (environ, startResponse) => {
  const keys = Object.keys(environ).filter((key) => key.startsWith('HTTP_'))
  startResponse('200 OK', [['content-type', 'application/json']])
  const picked = Object.fromEntries(
    ['REQUEST_METHOD', 'PATH_INFO', 'QUERY_STRING', 'SERVER_PROTOCOL', 'SERVER_NAME', 'tsgi.url_scheme', ...keys].map(
      (key) => [key, (environ as unknown as Record<string, unknown>)[key]],
    ),
  )
  return [encoder.encode(JSON.stringify(picked))]
}

describe('serve(app, { http2: true }) without tls: h2c', () => {
  it('builds the environ from the pseudo-headers, never as HTTP_* keys, and joins cookies with "; "', async () => {
    const server = await start(echo, { http2: true })
    const { headers, body } = await h2(session(server.url), {
      ':path': '/a%20b/c?x=1&y=2',
      ':method': 'GET',
      cookie: ['a=1', 'b=2'],
      'x-custom': 'yes',
    })
    expect(headers[':status']).toBe(200)
    const environ = JSON.parse(body)
    expect(environ).toMatchObject({
      REQUEST_METHOD: 'GET',
      PATH_INFO: '/a b/c',
      QUERY_STRING: 'x=1&y=2',
      SERVER_PROTOCOL: 'HTTP/2',
      SERVER_NAME: '127.0.0.1',
      'tsgi.url_scheme': 'http',
      HTTP_HOST: new URL(server.url).host,
      HTTP_COOKIE: 'a=1; b=2',
      HTTP_X_CUSTOM: 'yes',
    })
    expect(Object.keys(environ).filter((key) => key.includes(':'))).toEqual([])
  })

  it('refuses an encoded slash and a bad path with a 400 before the app runs, as HTTP/1.1 does', async () => {
    let calls = 0
    const server = await start(
      () => {
        calls++
        throw new Error('not reached')
      },
      { http2: true },
    )
    const client = session(server.url)
    expect((await h2(client, { ':path': '/a%2Fb' })).headers[':status']).toBe(400)
    expect((await h2(client, { ':path': '/%zz' })).headers[':status']).toBe(400)
    expect(calls).toBe(0)
  })

  it('reads a request body through tsgi.input and refuses one over maxBodySize with a 413', async () => {
    const app: App = async (environ, startResponse) => {
      let size = 0
      for await (const chunk of environ['tsgi.input']) size += chunk.byteLength
      startResponse('200 OK', [])
      return [encoder.encode(`${size}`)]
    }
    const server = await start(app, { http2: true, maxBodySize: 10 })
    const client = session(server.url)
    expect((await h2(client, { ':method': 'POST', ':path': '/' }, 'hello')).body).toBe('5')
    const over = await h2(client, { ':method': 'POST', ':path': '/', 'content-length': '11' }, 'hello world')
    expect(over.headers[':status']).toBe(413)
    const chunked = await h2(client, { ':method': 'POST', ':path': '/' }, 'hello world')
    expect(chunked.headers[':status']).toBe(413)
  })

  it('keeps repeated Set-Cookie fields separate and sends a Content-Length for an array body', async () => {
    const server = await start(
      (_environ, startResponse) => {
        startResponse('200 OK', [
          ['Set-Cookie', 'a=1'],
          ['Set-Cookie', 'b=2'],
        ])
        return [encoder.encode('ab'), encoder.encode('cd')]
      },
      { http2: true },
    )
    const { headers, body } = await h2(session(server.url), { ':path': '/' })
    expect(headers['set-cookie']).toEqual(['a=1', 'b=2'])
    expect(headers['content-length']).toBe('4')
    expect(body).toBe('abcd')
  })

  it('is back-pressure: no next() while the stream window is full, and the client gets every byte', async () => {
    let pulled = 0
    const chunk = new Uint8Array(16 * 1024).fill(97)
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [])
      return (function* () {
        for (let index = 0; index < 256; index++) {
          pulled++
          yield chunk
        }
      })()
    }
    const server = await start(app, { http2: true })
    const client = session(server.url)
    const stream = client.request({ ':path': '/' })
    stream.pause()
    await new Promise((resolve) => stream.once('response', resolve))
    await new Promise((resolve) => setTimeout(resolve, 200))
    // 4 MiB offered; HTTP/2's default window is 64 KiB, so only a little has been pulled.
    expect(pulled).toBeLessThan(64)
    let received = 0
    stream.on('data', (data: Buffer) => (received += data.length))
    stream.resume()
    await new Promise((resolve) => stream.once('end', resolve))
    expect(received).toBe(256 * chunk.length)
    expect(pulled).toBe(256)
  })

  it('treats RST_STREAM as the client leaving: tsgi.abort fires and close() runs exactly once', async () => {
    const started = gate()
    let closes = 0
    let aborted = false
    const app: App = (environ, startResponse) => {
      environ['tsgi.abort'].signal.addEventListener('abort', () => (aborted = true))
      startResponse('200 OK', [])
      const body = (async function* () {
        started.open()
        for (;;) {
          yield encoder.encode('tick\n')
          await new Promise((resolve) => setTimeout(resolve, 10))
        }
      })()
      return Object.assign(body, { close: () => void closes++ })
    }
    const server = await start(app, { http2: true })
    const stream = session(server.url).request({ ':path': '/' })
    stream.on('error', () => {})
    stream.on('data', () => {})
    await started.promise
    stream.close(constants.NGHTTP2_CANCEL)
    expect(await eventually(() => closes === 1 && aborted)).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(closes).toBe(1)
  })

  it('sends GOAWAY on close() and lets an open stream finish', async () => {
    const release = gate()
    const entered = gate()
    const app: App = async (_environ, startResponse) => {
      entered.open()
      await release.promise
      startResponse('200 OK', [])
      return [encoder.encode('finished')]
    }
    const server = await serve(app, { port: 0, http2: true })
    const client = session(server.url)
    const goaway = new Promise((resolve) => client.once('goaway', resolve))
    const answer = h2(client, { ':path': '/' })
    await entered.promise
    const closed = server.close()
    await goaway
    release.open()
    expect((await answer).body).toBe('finished')
    await closed
  })

  it('limits concurrent streams per connection to maxConcurrentStreams', async () => {
    const server = await start(echo, { http2: true, maxConcurrentStreams: 3 })
    const client = session(server.url)
    const settings = await new Promise<{ maxConcurrentStreams?: number }>((resolve) =>
      client.once('remoteSettings', resolve),
    )
    expect(settings.maxConcurrentStreams).toBe(3)
  })

  it('survives a rapid-reset flood (CVE-2023-44487) and still answers new connections', async () => {
    let calls = 0
    const server = await start(
      async (_environ, startResponse) => {
        calls++
        await new Promise((resolve) => setTimeout(resolve, 5))
        startResponse('200 OK', [])
        return [encoder.encode('ok')]
      },
      { http2: true },
    )
    const attacker = session(server.url)
    await new Promise((resolve) => attacker.once('remoteSettings', resolve))
    const gone = new Promise((resolve) => attacker.once('close', resolve))
    // Open and cancel streams as fast as the client can: 20,000 HEADERS + RST_STREAM pairs.
    for (let index = 0; index < 20_000 && !attacker.destroyed && !attacker.closed; index++) {
      try {
        const stream = attacker.request({ ':path': '/' })
        stream.on('error', () => {})
        stream.close(constants.NGHTTP2_CANCEL)
      } catch {
        break
      }
      if (index % 500 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 2000))])
    // The server ran far fewer requests than were opened, and answers a fresh client at once.
    expect(calls).toBeLessThan(20_000)
    const fresh = await h2(session(server.url), { ':path': '/' })
    expect(fresh.body).toBe('ok')
  }, 30_000)
})

describe('HTTP/2 limits', () => {
  it('answers 431 to a stream with more header fields than maxHeaderCount; pseudo-headers do not count', async () => {
    const server = await start(echo, { http2: true, maxHeaderCount: 10 })
    const client = session(server.url)
    const fields = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`x-f${i}`, 'v']))
    expect((await h2(client, { ':path': '/', ...fields(10) })).headers[':status']).toBe(200)
    expect((await h2(client, { ':path': '/', ...fields(11) })).headers[':status']).toBe(431)
  })
})

// curl with nghttp2, as a user would call it; skipped with the reason where curl lacks HTTP/2.
const curlH2 = (() => {
  try {
    return /\bHTTP2\b/.test(execFileSync('curl', ['--version'], { encoding: 'utf8' }))
  } catch {
    return false
  }
})()
if (!curlH2) console.warn('skipping the curl checks: curl with HTTP/2 is not installed (apt-get install -y curl)')

function curl(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('curl', ['-s', '-i', ...args], { encoding: 'utf8' }, (error, out) =>
      error ? reject(error) : resolve(out),
    )
  })
}

describe.skipIf(!curlH2)('curl as the client', () => {
  it('speaks h2c with --http2-prior-knowledge', async () => {
    const server = await start(echo, { http2: true })
    const out = await curl('--http2-prior-knowledge', `${server.url}/prior`)
    expect(out).toMatch(/^HTTP\/2 200/)
    expect(out).toContain('"SERVER_PROTOCOL":"HTTP/2"')
  })

  it('negotiates h2 over TLS with --http2, and gets HTTP/1.1 with --http1.1', async () => {
    const server = await start(echo, { http2: true, tls: await certificate() })
    expect(await curl('-k', '--http2', `${server.url}/alpn`)).toMatch(/^HTTP\/2 200/)
    const h1 = await curl('-k', '--http1.1', `${server.url}/alpn`)
    expect(h1).toMatch(/^HTTP\/1\.1 200 OK/)
    expect(h1).toContain('"tsgi.url_scheme":"https"')
  })
})

describe('serve(app, { tls }) and serve(app, { http2: true, tls })', () => {
  it('serves HTTPS over HTTP/1.1 with tsgi.url_scheme https and an https:// url', async () => {
    const server = await start(echo, { tls: await certificate() })
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const body = await new Promise<string>((resolve, reject) => {
      httpsRequest(`${server.url}/secure`, { rejectUnauthorized: false }, (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve(text))
      })
        .on('error', reject)
        .end()
    })
    expect(JSON.parse(body)).toMatchObject({
      SERVER_PROTOCOL: 'HTTP/1.1',
      'tsgi.url_scheme': 'https',
      PATH_INFO: '/secure',
    })
  })

  it('serves h2 over TLS to a client offering h2, and HTTP/1.1 to one that does not (ALPN)', async () => {
    const server = await start(echo, { http2: true, tls: await certificate() })
    const viaH2 = JSON.parse((await h2(session(server.url), { ':path': '/two' })).body)
    expect(viaH2).toMatchObject({ SERVER_PROTOCOL: 'HTTP/2', 'tsgi.url_scheme': 'https' })
    const viaH1 = await new Promise<string>((resolve, reject) => {
      httpsRequest(`${server.url}/one`, { rejectUnauthorized: false }, (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve(text))
      })
        .on('error', reject)
        .end()
    })
    expect(JSON.parse(viaH1)).toMatchObject({ SERVER_PROTOCOL: 'HTTP/1.1', 'tsgi.url_scheme': 'https' })
  })

  it.each([
    [{ tls: 'key.pem' }, TypeError],
    [{ tls: { key: 'k' } }, TypeError],
    [{ http2: 'yes' }, TypeError],
    [{ http2: true, maxConcurrentStreams: 0 }, RangeError],
  ])('refuses %j with a %s naming the option', async (options, type) => {
    await expect(serve(echo, { port: 0, ...(options as object) })).rejects.toThrow(type)
  })
})
