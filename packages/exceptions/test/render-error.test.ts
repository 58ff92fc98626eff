import { BadRequest, exceptionMiddleware, HTTPError, NotFound, renderError } from '@tsgi/exceptions'
import { describe, expect, it } from 'vitest'
import { encode, header, makeEnviron, run } from './_recorder.js'

const decode = (chunks: Uint8Array[]): string => chunks.map((chunk) => new TextDecoder().decode(chunk)).join('')

describe('renderError(error, environ, options)', () => {
  it.each([
    [undefined, 'text/plain; charset=utf-8'],
    ['*/*', 'text/plain; charset=utf-8'],
    ['application/json', 'application/json; charset=utf-8'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/html; charset=utf-8'],
    ['application/json, text/plain, */*', 'application/json; charset=utf-8'],
    ['text/html;q=0.5, application/json;q=0.9', 'application/json; charset=utf-8'],
    ['text/*;q=0.3, text/html;q=0.7', 'text/html; charset=utf-8'],
    ['text/plain;q=0, */*', 'application/json; charset=utf-8'],
    ['image/png', 'text/plain; charset=utf-8'],
    ['text/html;q=0, application/json;q=0, text/plain;q=0', 'text/plain; charset=utf-8'],
    ['application/json;q=2, text/html', 'text/html; charset=utf-8'],
    ['APPLICATION/JSON', 'application/json; charset=utf-8'],
    // Past the entries negotiate() reads: plain text, not a 431 in place of the error.
    [Array.from({ length: 100 }, () => 'application/json').join(','), 'text/plain; charset=utf-8'],
  ])('picks the media type for Accept %j: %s', (accept, type) => {
    const { environ } = makeEnviron(accept === undefined ? {} : { accept })
    expect(header({ headers: renderError(new NotFound(), environ).headers } as never, 'content-type')).toBe(type)
  })

  it('renders JSON as { error: { status, message } }', () => {
    const { environ } = makeEnviron({ accept: 'application/json' })
    const page = renderError(new NotFound('No user "7"'), environ)
    expect(page.status).toBe('404 Not Found')
    expect(JSON.parse(decode(page.body))).toEqual({ error: { status: 404, message: 'No user "7"' } })
  })

  it('renders the status text alone as the JSON message of an unexposed error', () => {
    const { environ } = makeEnviron({ accept: 'application/json' })
    const page = renderError(new Error('stack trace material'), environ)
    expect(JSON.parse(decode(page.body))).toEqual({ error: { status: 500, message: 'Internal Server Error' } })
  })

  it('renders a plain HTML page with the message escaped', () => {
    const { environ } = makeEnviron({ accept: 'text/html' })
    const page = renderError(new BadRequest('<script>alert(1)</script> & "quotes"'), environ)
    const html = decode(page.body)
    expect(html).toContain('<title>400 Bad Request</title>')
    expect(html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</p>')
    expect(html).not.toContain('<script>')
  })

  it('sets content-length to the page size, no-store, vary and nosniff', () => {
    const { environ } = makeEnviron({ accept: 'text/html' })
    const page = renderError(new NotFound('ünïcödé'), environ)
    const headers = Object.fromEntries(page.headers)
    expect(Number(headers['content-length'])).toBe(page.body[0]!.byteLength)
    expect(headers['cache-control']).toBe('no-store')
    expect(headers.vary).toBe('accept')
    expect(headers['x-content-type-options']).toBe('nosniff')
  })

  it("keeps the error's own headers but not its content-type or content-length", () => {
    const { environ } = makeEnviron()
    const error = new HTTPError(429, undefined, {
      headers: [
        ['Retry-After', '5'],
        ['Cache-Control', 'max-age=5'],
        ['Content-Type', 'image/gif'],
        ['content-length', '99'],
      ],
    })
    const headers = renderError(error, environ).headers
    expect(headers.filter(([name]) => name.toLowerCase() === 'content-type')).toEqual([
      ['content-type', 'text/plain; charset=utf-8'],
    ])
    expect(headers.filter(([name]) => name.toLowerCase() === 'cache-control')).toEqual([['Cache-Control', 'max-age=5']])
    expect(headers).toContainEqual(['Retry-After', '5'])
    expect(headers).not.toContainEqual(['content-length', '99'])
  })

  it('normalises anything thrown, as exceptionMiddleware does', () => {
    const { environ } = makeEnviron()
    expect(renderError('a string', environ).status).toBe('500 Internal Server Error')
    expect(renderError(Object.assign(new Error('bad'), { status: 418 }), environ).status).toBe("418 I'm a Teapot")
  })
})

describe('exceptionMiddleware(app, { debug: true })', () => {
  const failing = (error: unknown) =>
    exceptionMiddleware(
      () => {
        throw error
      },
      { debug: true },
    )

  it('shows the message, the stack, the cause chain and the request line as text', async () => {
    const root = new Error('ECONNREFUSED 127.0.0.1:5432')
    const error = new Error('could not load user', { cause: root })
    const res = await run(failing(error), { path: '/users/7', query: 'full=1' })
    expect(res.status).toBe('500 Internal Server Error')
    expect(res.text).toContain('GET /users/7?full=1 HTTP/1.1')
    expect(res.text).toContain('HTTP/1.1\n\nError: could not load user\n')
    expect(res.text).not.toContain('HTTPError')
    expect(res.text).toContain('Caused by:\nError: ECONNREFUSED 127.0.0.1:5432\n')
    expect(res.text).toMatch(/\n\s+at .*render-error\.test\.ts/)
  })

  it('shows the stack and request in JSON under error', async () => {
    const res = await run(failing(new TypeError('x is not a function')), { accept: 'application/json', path: '/a' })
    const json = JSON.parse(res.text) as { error: { status: number; request: string; trace: string } }
    expect(json.error.status).toBe(500)
    expect(json.error.request).toBe('GET /a HTTP/1.1')
    expect(json.error.trace).toContain('TypeError: x is not a function')
  })

  it('escapes everything in the HTML page, the message and the path included', async () => {
    const error = new Error('<script>alert("message")</script>')
    const res = await run(failing(error), { accept: 'text/html', path: '/<script>alert("path")</script>' })
    expect(res.text).not.toContain('<script>')
    expect(res.text).toContain('&lt;script&gt;alert(&quot;message&quot;)&lt;/script&gt;')
    expect(res.text).toContain('GET /&lt;script&gt;alert(&quot;path&quot;)&lt;/script&gt; HTTP/1.1')
  })

  it('describes a cause chain that loops without looping', async () => {
    const a = new Error('a')
    const b = new Error('b', { cause: a })
    ;(a as { cause?: unknown }).cause = b
    const res = await run(failing(b))
    expect(res.text).toContain('Caused by: (cycle)')
  })

  it('shows the message of a 5xx HTTPError', async () => {
    const res = await run(failing(new HTTPError(503, 'maintenance until 18:00')))
    expect(res.text).toContain('maintenance until 18:00')
  })

  it('keeps production pages free of request details', async () => {
    const app = exceptionMiddleware(() => {
      throw new Error('boom')
    })
    const res = await run(app, { accept: 'text/html', path: '/private/path' })
    expect(res.text).not.toContain('/private/path')
    expect(res.text).not.toContain('boom')
    expect(encode(res.text).byteLength).toBe(Number(header(res, 'content-length')))
  })
})
