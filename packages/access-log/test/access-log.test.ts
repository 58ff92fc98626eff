import { type AccessLogEntry, accessLog, formatEntry } from '@tsgi/access-log'
import { type App, compose } from '@tsgi/core'
import { proxyFix } from '@tsgi/proxy-fix'
import { createEnviron, request, stream } from '@tsgi/test'
import { describe, expect, it } from 'vitest'

const encoder = new TextEncoder()

const hello: App = (_environ, startResponse) => {
  startResponse('200 OK', [
    ['content-type', 'text/plain'],
    ['content-length', '5'],
  ])
  return [encoder.encode('hello')]
}

/** Three chunks, 30 ms apart, of 4 bytes each. */
const slow: App = (_environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'text/plain']])
  return (async function* () {
    for (let index = 0; index < 3; index++) {
      await new Promise((resolve) => setTimeout(resolve, 30))
      yield encoder.encode('tick')
    }
  })()
}

function collect(): { lines: string[]; write: (line: string) => void } {
  const lines: string[] = []
  return { lines, write: (line) => lines.push(line) }
}

const CLF =
  /^127\.0\.0\.1 - - \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "GET \/hi\?x=1 HTTP\/1\.1" 200 5\n$/

describe('accessLog(app, options)', () => {
  it('writes a Common Log Format line with the status and bytes sent', async () => {
    const log = collect()
    const response = await request(accessLog(hello, { write: log.write }), 'GET /hi?x=1')
    expect(response.text()).toBe('hello')
    expect(log.lines).toHaveLength(1)
    expect(log.lines[0]).toMatch(CLF)
  })

  it('leaves the response untouched, Content-Length included', async () => {
    const response = await request(accessLog(hello, { write: () => {} }), 'GET /')
    expect(response.header('content-length')).toBe('5')
    expect(response.headers).toHaveLength(2)
  })

  it('keeps an array body an array, so the server still sends it at once', () => {
    const log = collect()
    const environ = createEnviron('/')
    const body = accessLog(hello, { write: log.write })(environ, () => {}) as Uint8Array[] & { close(): void }
    expect(Array.isArray(body)).toBe(true)
    expect(log.lines).toHaveLength(0)
    body.close()
    expect(log.lines[0]).toMatch(/" 200 5\n$/)
  })

  it('keeps the Content-Length of a streamed body', async () => {
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-length', '6']])
      return (function* () {
        yield encoder.encode('abc')
        yield encoder.encode('def')
      })()
    }
    const log = collect()
    const response = await request(accessLog(app, { write: log.write }), 'GET /')
    expect([response.header('content-length'), response.text()]).toEqual(['6', 'abcdef'])
    expect(log.lines[0]).toMatch(/" 200 6\n$/)
  })

  it('writes the Combined Log Format, escaping what the client sent', async () => {
    const log = collect()
    const headers = { referer: 'https://example.com/"x', 'user-agent': 'curl/8.0\\' }
    await request(accessLog(hello, { format: 'combined', write: log.write }), { path: '/hi?x=1', headers })
    expect(log.lines[0]).toMatch(/ 200 5 "https:\/\/example\.com\/\\x22x" "curl\/8\.0\\x5c"\n$/)
  })

  it('writes JSON lines with the duration to the last byte', async () => {
    const log = collect()
    const response = await request(accessLog(slow, { format: 'json', write: log.write }), 'GET /stream')
    expect(response.text()).toBe('ticktickticktick'.slice(0, 12))
    const entry = JSON.parse(log.lines[0] as string)
    expect(entry).toMatchObject({ method: 'GET', target: '/stream', status: 200, bytes: 12, aborted: false })
    // Three 30 ms waits happen after startResponse: the duration runs to the last byte.
    expect(entry.duration_ms).toBeGreaterThanOrEqual(60)
    expect(log.lines[0]?.endsWith('}\n')).toBe(true)
  })

  it('logs nothing before the body is closed', async () => {
    const log = collect()
    const response = await stream(accessLog(slow, { write: log.write }), 'GET /')
    expect(log.lines).toHaveLength(0)
    for await (const _ of response.chunks) {
    }
    expect(log.lines).toHaveLength(1)
  })

  it('logs a response the client left early with what was sent, marked aborted', async () => {
    const log = collect()
    const response = await stream(accessLog(slow, { format: 'json', write: log.write }), 'GET /')
    for await (const _ of response.chunks) {
      response.abort()
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(log.lines).toHaveLength(1)
    expect(JSON.parse(log.lines[0] as string)).toMatchObject({ status: 200, bytes: 4, aborted: true })
    const text = collect()
    const again = await stream(accessLog(slow, { write: text.write }), 'GET /')
    again.abort()
    await new Promise((resolve) => setTimeout(resolve, 50))
    // The headers go out with the first chunk, so those 4 bytes were sent before the client left.
    expect(text.lines[0]).toMatch(/ 200 4 aborted\n$/)
  })

  it('logs a 500 for an app that throws before its headers, and rethrows', async () => {
    const log = collect()
    const failing: App = () => {
      throw new Error('boom')
    }
    await expect(request(accessLog(failing, { write: log.write }), 'GET /')).rejects.toThrow('boom')
    expect(log.lines[0]).toMatch(/" 500 -\n$/)
  })

  it('marks a body that fails midway as aborted, with the bytes sent', async () => {
    const log = collect()
    const broken: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return (function* () {
        yield encoder.encode('abc')
        throw new Error('disk gone')
      })()
    }
    await expect(request(accessLog(broken, { write: log.write }), 'GET /')).rejects.toThrow('disk gone')
    expect(log.lines[0]).toMatch(/" 200 3 aborted\n$/)
  })

  it("logs the client's address under proxyFix", async () => {
    const log = collect()
    const app = compose(proxyFix, (inner) => accessLog(inner, { write: log.write }))(hello)
    await request(app, { path: '/', headers: { 'x-forwarded-for': '203.0.113.7' } })
    expect(log.lines[0]?.startsWith('203.0.113.7 - - [')).toBe(true)
  })

  it('takes a function as the format', async () => {
    const log = collect()
    const format = (entry: AccessLogEntry): string => `${entry.method} ${entry.status} ${entry.bytes}\n`
    await request(accessLog(hello, { format, write: log.write }), 'POST /')
    expect(log.lines).toEqual(['POST 200 5\n'])
  })

  it('rejects bad options when it is built', () => {
    expect(() => accessLog(null as unknown as App)).toThrow(/accessLog\(\): app must be a function, got null/)
    expect(() => accessLog(hello, { format: 'apache' as 'common' })).toThrow(/options.format must be/)
    expect(() => accessLog(hello, { write: 'stdout' as unknown as () => void })).toThrow(/options.write must be/)
  })
})

describe('formatEntry(entry, format)', () => {
  const entry: AccessLogEntry = {
    time: new Date(Date.UTC(2026, 10, 21, 16, 37, 19)),
    remoteAddr: '10.0.0.1 x',
    method: 'GET',
    target: '/a\nb',
    protocol: 'HTTP/1.1',
    status: 404,
    bytes: 0,
    duration: 1.23456,
    aborted: false,
    referer: undefined,
    userAgent: undefined,
  }

  it('escapes control characters and spaces so one entry is one line with fixed fields', () => {
    expect(formatEntry(entry, 'common')).toBe(
      '10.0.0.1\\x20x - - [21/Nov/2026:16:37:19 +0000] "GET /a\\x0ab HTTP/1.1" 404 -\n',
    )
    expect(formatEntry(entry, 'combined')).toBe(
      '10.0.0.1\\x20x - - [21/Nov/2026:16:37:19 +0000] "GET /a\\x0ab HTTP/1.1" 404 - "-" "-"\n',
    )
  })

  it('rounds the JSON duration to microseconds', () => {
    expect(JSON.parse(formatEntry(entry, 'json'))).toMatchObject({ duration_ms: 1.235, target: '/a\nb', referer: null })
  })
})
