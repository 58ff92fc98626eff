import type { App, HeaderList } from '@tsgi/core'
import { exceptionMiddleware, NotFound } from '@tsgi/exceptions'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { cspNonce, NONCE, secureHeaders } from '../src/index.js'

const encoder = new TextEncoder()

const page =
  (headers: HeaderList = [['content-type', 'text/html']]): App =>
  (_environ, startResponse) => {
    startResponse('200 OK', headers)
    return [encoder.encode('<p>hi</p>')]
  }

describe('secureHeaders(app, options)', () => {
  it('adds the default headers, and no HSTS over plain http (helmet #290)', async () => {
    const res = await request(secureHeaders(page()), 'GET /')
    expect(res.headers.slice(1).filter(([name]) => name !== 'content-length')).toEqual([
      ['x-content-type-options', 'nosniff'],
      ['referrer-policy', 'no-referrer'],
      ['cross-origin-opener-policy', 'same-origin'],
      ['x-frame-options', 'SAMEORIGIN'],
    ])
    expect(res.header('strict-transport-security')).toBeUndefined()
    expect(res.header('content-security-policy')).toBeUndefined()
  })

  it('adds Strict-Transport-Security over https', async () => {
    const res = await request(secureHeaders(page()), 'GET /', { scheme: 'https' })
    expect(res.header('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
  })

  it('leaves out each header set to false, and uses a given value instead of a default', async () => {
    const app = secureHeaders(page(), {
      contentTypeOptions: false,
      referrerPolicy: 'strict-origin-when-cross-origin',
      strictTransportSecurity: false,
      crossOriginOpenerPolicy: false,
      frameOptions: 'DENY',
    })
    const res = await request(app, 'GET /', { scheme: 'https' })
    expect(res.headers.slice(1).filter(([name]) => name !== 'content-length')).toEqual([
      ['referrer-policy', 'strict-origin-when-cross-origin'],
      ['x-frame-options', 'DENY'],
    ])
  })

  it('keeps a header the app set itself, in any case (loco-rs #1659)', async () => {
    const app = secureHeaders(
      page([
        ['Content-Type', 'text/html'],
        ['X-Frame-Options', 'ALLOW-FROM https://a.example'],
        ['Content-Security-Policy', "default-src 'none'"],
        ['Strict-Transport-Security', 'max-age=60'],
      ]),
      { contentSecurityPolicy: { 'default-src': ["'self'"] } },
    )
    const res = await request(app, 'GET /', { scheme: 'https' })
    expect(res.headers.filter(([name]) => /frame|security-policy|transport/i.test(name))).toEqual([
      ['X-Frame-Options', 'ALLOW-FROM https://a.example'],
      ['Content-Security-Policy', "default-src 'none'"],
      ['Strict-Transport-Security', 'max-age=60'],
    ])
  })

  it('builds a Content-Security-Policy from directives', async () => {
    const app = secureHeaders(page(), {
      contentSecurityPolicy: {
        'default-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'https://cdn.example'],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': [],
      },
    })
    const res = await request(app, 'GET /')
    expect(res.header('content-security-policy')).toBe(
      "default-src 'self'; img-src 'self' data: https://cdn.example; frame-ancestors 'none'; upgrade-insecure-requests",
    )
  })

  it('gives each request a fresh nonce, in the header and on the environ', async () => {
    const seen: string[] = []
    const inner: App = (environ, startResponse) => {
      seen.push(cspNonce(environ))
      startResponse('200 OK', [['content-type', 'text/html']])
      return [encoder.encode(`<script nonce="${environ['tsgi.csp_nonce']}">go()</script>`)]
    }
    const app = secureHeaders(inner, {
      contentSecurityPolicy: { 'script-src': ["'self'", NONCE], 'style-src': [NONCE] },
    })
    const first = await request(app, 'GET /')
    const second = await request(app, 'GET /')
    expect(seen[0]).toMatch(/^[A-Za-z0-9+/]{22}==$/) // 16 random bytes
    expect(seen[0]).not.toBe(seen[1])
    expect(first.header('content-security-policy')).toBe(
      `script-src 'self' 'nonce-${seen[0]}'; style-src 'nonce-${seen[0]}'`,
    )
    expect(second.header('content-security-policy')).toBe(
      `script-src 'self' 'nonce-${seen[1]}'; style-src 'nonce-${seen[1]}'`,
    )
    expect(first.text()).toBe(`<script nonce="${seen[0]}">go()</script>`)
  })

  it('sets no nonce when the policy does not use one, and cspNonce() then says what is missing', async () => {
    let error: unknown
    const inner: App = (environ, startResponse) => {
      error = (() => {
        try {
          cspNonce(environ)
        } catch (thrown) {
          return thrown
        }
      })()
      startResponse('200 OK', [])
      return []
    }
    await request(secureHeaders(inner, { contentSecurityPolicy: { 'default-src': ["'self'"] } }), 'GET /')
    expect(error).toBeInstanceOf(TypeError)
    expect(String(error)).toContain("environ['tsgi.csp_nonce'] is undefined; wrap the app in secureHeaders()")
  })

  it('adds its headers to error pages rendered below it', async () => {
    const failing: App = () => {
      throw new NotFound()
    }
    const res = await request(secureHeaders(exceptionMiddleware(failing)), 'GET /missing')
    expect(res.status).toBe(404)
    expect(res.header('x-frame-options')).toBe('SAMEORIGIN')
    expect(res.header('x-content-type-options')).toBe('nosniff')
  })

  it('returns an array body as it is, so the server keeps its fast path', async () => {
    const body = [encoder.encode('x')]
    const inner: App = (_environ, startResponse) => {
      startResponse('200 OK', [])
      return body
    }
    const wrapped = secureHeaders(inner)
    const environ = (await import('@tsgi/test')).createEnviron({})
    expect(wrapped(environ, () => {})).toBe(body)
  })

  it.each([
    [{ referrerPolicy: 'a\r\nSet-Cookie: x' }, /options\.referrerPolicy must be a header value or false/],
    [{ frameOptions: true }, /options\.frameOptions must be a header value or false, got true/],
    [
      { contentSecurityPolicy: "default-src 'self'" },
      /options\.contentSecurityPolicy must be an object of directives or false/,
    ],
    [
      { contentSecurityPolicy: { 'Script Src': ["'self'"] } },
      /directive name must be like 'script-src', got "Script Src"/,
    ],
    [{ contentSecurityPolicy: { 'script-src': "'self'" } }, /directive 'script-src' must be an array of sources/],
    [
      { contentSecurityPolicy: { 'script-src': ["'self'; object-src *"] } },
      /directive 'script-src' has a source that is not one token/,
    ],
  ])('throws at build time for %o', (options, message) => {
    expect(() => secureHeaders(page(), options as never)).toThrow(message)
  })
})
