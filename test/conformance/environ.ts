import { CGI_KEYS, type Environ } from '@tsgi/core'
import { describe, expect, it } from 'vitest'
import type { Context } from './context.js'
import { encoder } from './context.js'
import { raw } from './raw.js'

/** Serves an app that records the environ it got, and answers 200 at once. */
async function capture(ctx: Context): Promise<{ url: string; seen: Environ[] }> {
  const seen: Environ[] = []
  const url = await ctx.serve((environ, startResponse) => {
    seen.push(environ)
    startResponse('200 OK', [])
    return []
  })
  return { url, seen }
}

export function environTests(ctx: Context): void {
  describe('environ (spec §2)', () => {
    it('holds every CGI key and the tsgi keys as own data properties, no getters', async () => {
      const { url, seen } = await capture(ctx)
      await fetch(`${url}/a/b?x=1&y=%20`)
      const environ = seen[0] as Environ
      for (const key of CGI_KEYS) expect(typeof environ[key], key).toBe('string')
      for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(environ))) {
        expect(descriptor.get, key).toBeUndefined()
        expect('value' in descriptor, key).toBe(true)
      }
      expect(environ.REQUEST_METHOD).toBe('GET')
      expect(environ.SCRIPT_NAME).toBe('')
      expect(environ.PATH_INFO).toBe('/a/b')
      expect(environ.QUERY_STRING).toBe('x=1&y=%20')
      expect(environ.REQUEST_URI).toBe('/a/b?x=1&y=%20')
      expect(environ.SERVER_PROTOCOL).toBe('HTTP/1.1')
      expect(environ.SERVER_PORT).toBe(new URL(url).port)
      expect(environ.REMOTE_ADDR).toBe('127.0.0.1')
      if (ctx.supports('peer-port')) expect(environ.REMOTE_PORT).toMatch(/^\d+$/)
      expect(environ['tsgi.version']).toEqual([1, 0])
      expect(environ['tsgi.url_scheme']).toBe('http')
      expect(typeof environ['tsgi.errors'].write).toBe('function')
      expect(environ['tsgi.abort'].aborted).toBe(false)
      expect(environ['tsgi.multiprocess']).toBe(false)
      expect(environ['tsgi.run_once']).toBe(false)
    })

    it('keeps the same key order for every request, with HTTP_* keys after the fixed ones', async () => {
      const { url, seen } = await capture(ctx)
      await fetch(`${url}/one`)
      await fetch(`${url}/two?q`, { method: 'POST', body: 'x' })
      const [first, second] = seen.map((environ) => Object.keys(environ).filter((key) => !key.startsWith('HTTP_')))
      expect(first).toEqual(second)
      const keys = Object.keys(seen[0] as Environ)
      // tsgi.shutdown, which a server may add after tsgi.run_once (spec §2.4.1, §6.5.4), is a fixed key too.
      const lastFixed = Math.max(keys.indexOf('tsgi.run_once'), keys.indexOf('tsgi.shutdown'))
      expect(keys.slice(lastFixed + 1).every((key) => key.startsWith('HTTP_'))).toBe(true)
    })

    it('maps headers to HTTP_* keys, joins repeats, and drops names with underscores', async () => {
      const { url, seen } = await capture(ctx)
      const request = [
        'GET /h HTTP/1.1',
        'Host: example.test',
        'X-Thing: a',
        'x-thing: b',
        'Cookie: a=1',
        'Cookie: b=2',
        'X_Sneaky: 1',
        'Content-Type: text/plain',
        'Connection: close',
        '',
        '',
      ].join('\r\n')
      await raw(url, request)
      const environ = seen[0] as Environ
      expect(environ.HTTP_HOST).toBe('example.test')
      expect(environ.HTTP_X_THING).toBe('a, b')
      expect(environ.HTTP_COOKIE).toBe('a=1; b=2')
      expect(environ.HTTP_X_SNEAKY).toBeUndefined()
      expect(Object.keys(environ).some((key) => key.toLowerCase().includes('sneaky'))).toBe(false)
      expect(environ.CONTENT_TYPE).toBe('text/plain')
      expect(environ.HTTP_CONTENT_TYPE).toBeUndefined()
      expect(environ.HTTP_CONTENT_LENGTH).toBeUndefined()
    })

    it.skipIf(!ctx.supports('server-address'))(
      'takes SERVER_NAME and SERVER_PORT from the server, and the Host field only into HTTP_HOST (spec §2.2.7)',
      async () => {
        const { url, seen } = await capture(ctx)
        await raw(url, 'GET / HTTP/1.1\r\nHost: evil.example:9\r\nConnection: close\r\n\r\n')
        const environ = seen[0] as Environ
        expect(environ.HTTP_HOST).toBe('evil.example:9')
        expect(environ.SERVER_NAME).toBe(new URL(url).hostname)
        expect(environ.SERVER_PORT).toBe(new URL(url).port)
      },
    )

    it.skipIf(!ctx.supports('separate-fields'))(
      'uses the first of repeated Content-Type fields, never a join (spec §2.2.5)',
      async () => {
        const { url, seen } = await capture(ctx)
        await raw(
          url,
          'GET / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n',
        )
        expect(seen[0]?.CONTENT_TYPE).toBe('text/plain')
      },
    )

    it.skipIf(!ctx.supports('asterisk-form'))(
      'answers 400 to the asterisk form for any method but OPTIONS (spec §2.5.3.1)',
      async () => {
        const { url, seen } = await capture(ctx)
        const refused = await raw(url, 'GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
        expect(refused.responses[0]?.status).toBe(400)
        expect(seen).toHaveLength(0)
        const options = await raw(url, 'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
        expect(options.responses[0]?.status).toBe(200)
        expect(seen[0]?.PATH_INFO).toBe('*')
      },
    )

    it('sets CONTENT_LENGTH from the request and leaves it empty without one', async () => {
      const { url, seen } = await capture(ctx)
      await fetch(url, { method: 'POST', body: 'hello' })
      await fetch(url)
      expect(seen[0]?.CONTENT_LENGTH).toBe('5')
      expect(seen[1]?.CONTENT_LENGTH).toBe('')
      expect(seen[1]?.CONTENT_TYPE).toBe('')
    })

    it('decodes PATH_INFO as UTF-8 and leaves QUERY_STRING raw', async () => {
      const { url, seen } = await capture(ctx)
      await fetch(`${url}/caf%C3%A9/%7Euser?q=caf%C3%A9`)
      expect(seen[0]?.PATH_INFO).toBe('/café/~user')
      expect(seen[0]?.QUERY_STRING).toBe('q=caf%C3%A9')
      expect(seen[0]?.REQUEST_URI).toBe('/caf%C3%A9/%7Euser?q=caf%C3%A9')
    })

    for (const path of ['/a%zz', '/a%00b', '/%2e%2e/etc', '/a/%2E', '/bad%C3%28', '/a%2Fb', '/x%']) {
      const dotSegment = /%2e/i.test(path)
      it.skipIf(dotSegment && !ctx.supports('raw-path'))(
        `answers 400 before the app runs for the path ${path}`,
        async () => {
          const { url, seen } = await capture(ctx)
          const response = await raw(url, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)
          expect(response.responses[0]?.status).toBe(400)
          expect(seen).toHaveLength(0)
        },
      )
    }

    it('gives a new tsgi.abort to each request, not aborted while the client waits', async () => {
      const states: boolean[] = []
      const url = await ctx.serve((environ, startResponse) => {
        states.push(environ['tsgi.abort'].aborted, environ['tsgi.abort'].signal.aborted)
        startResponse('200 OK', [])
        return [encoder.encode('ok')]
      })
      expect(await (await fetch(url)).text()).toBe('ok')
      expect(states).toEqual([false, false])
    })
  })
}
