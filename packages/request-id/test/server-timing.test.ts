import type { App } from '@tsgi/core'
import { serverTiming } from '@tsgi/request-id'
import { createEnviron, request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'

const encoder = new TextEncoder()

const ok: App = (_environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'text/plain']])
  return [encoder.encode('ok')]
}

describe('serverTiming(app, options)', () => {
  it("adds the app's time to its response head as Server-Timing", async () => {
    const response = await request(serverTiming(ok), '/')
    expect(response.header('server-timing')).toMatch(/^app;dur=\d+\.\d{3}$/)
    expect(response.text()).toBe('ok')
  })

  it('measures up to startResponse, so an async app that waits first shows the wait', async () => {
    const slow: App = async (environ, startResponse) => {
      await new Promise((resolve) => setTimeout(resolve, 30))
      return ok(environ, startResponse)
    }
    const response = await request(serverTiming(slow), '/')
    expect(Number(response.header('server-timing')?.split('dur=')[1])).toBeGreaterThanOrEqual(25)
  })

  it("keeps the app's own Server-Timing and adds another field", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['server-timing', 'db;dur=5']])
      return []
    }
    const response = await request(serverTiming(app, { name: 'total' }), '/')
    const fields = response.headers.filter(([name]) => name === 'server-timing').map(([, value]) => value)
    expect(fields[0]).toBe('db;dur=5')
    expect(fields[1]).toMatch(/^total;dur=/)
  })

  it('adds nothing to a response started again with excInfo, whose head may be committed', async () => {
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return (function* () {
        yield encoder.encode('partial')
        startResponse('500 Internal Server Error', [['content-type', 'text/plain']], new Error('late'))
      })()
    }
    // A recording startResponse, to see both calls (a server rethrows the second once committed).
    const calls: [string, readonly (readonly [string, string])[]][] = []
    const environ = createEnviron('/')
    const body = serverTiming(app)(environ, (status, headers) => {
      calls.push([status, headers])
    }) as Iterable<Uint8Array>
    for (const _ of body) {
    }
    expect(calls[0]?.[1].some(([name]) => name === 'server-timing')).toBe(true)
    expect(calls[1]?.[0]).toBe('500 Internal Server Error')
    expect(calls[1]?.[1].some(([name]) => name === 'server-timing')).toBe(false)
  })

  it('rejects bad options when built', () => {
    expect(() => serverTiming(null as unknown as App)).toThrow(/serverTiming\(\): app must be a function/)
    expect(() => serverTiming(ok, { name: 'a b' })).toThrow(/options.name must be a token/)
  })
})
