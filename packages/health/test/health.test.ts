import type { App, Environ } from '@tsgi/core'
import { health } from '@tsgi/health'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'

const encoder = new TextEncoder()

const inner: App = (environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'text/plain']])
  return [encoder.encode(`app ${environ.PATH_INFO}`)]
}

/** Runs the app as a server would once its shutdown signal has (or has not) been aborted. */
function withShutdown(app: App, signal: AbortSignal): App {
  return (environ: Environ, startResponse) => app({ ...environ, 'tsgi.shutdown': signal }, startResponse)
}

describe('health(app, options)', () => {
  it('answers liveness with 200 and passes every other request to the app', async () => {
    const app = health(inner)
    const live = await request(app, '/healthz')
    expect([live.status, live.text(), live.header('cache-control')]).toEqual([200, 'ok\n', 'no-store'])
    expect((await request(app, '/other')).text()).toBe('app /other')
    expect((await request(app, '/healthz/x')).text()).toBe('app /healthz/x')
  })

  it('is ready when every check passes', async () => {
    const app = health(inner, { checks: { db: () => true, cache: async () => undefined } })
    const response = await request(app, '/readyz')
    expect(response.status).toBe(200)
    expect(response.json()).toEqual({ ready: true, shuttingDown: false, failing: [] })
  })

  it('answers 503 with the names of the failing checks, and logs why', async () => {
    const app = health(inner, {
      checks: {
        db: async () => false,
        queue: () => {
          throw new Error('queue unreachable')
        },
        cache: () => true,
        search: () => Promise.reject(new Error('search down')),
      },
    })
    const response = await request(app, '/readyz')
    expect(response.status).toBe(503)
    expect(response.json()).toEqual({ ready: false, shuttingDown: false, failing: ['db', 'queue', 'search'] })
    expect(response.errors).toContain('queue unreachable')
    expect(response.errors).toContain('"db" failed: it returned false')
    expect(response.text()).not.toContain('unreachable')
  })

  it('fails a check that does not answer in time instead of hanging the probe', async () => {
    const app = health(inner, { timeout: 20, checks: { slow: () => new Promise<boolean>(() => {}) } })
    const response = await request(app, '/readyz')
    expect(response.status).toBe(503)
    expect(response.errors).toContain('"slow" failed: no answer within 20 ms')
  })

  it('reports not-ready once the server is shutting down, while liveness and the app still answer', async () => {
    const shutdown = new AbortController()
    const app = withShutdown(health(inner, { checks: { db: () => true } }), shutdown.signal)
    expect((await request(app, '/readyz')).status).toBe(200)
    shutdown.abort()
    const response = await request(app, '/readyz')
    expect(response.status).toBe(503)
    expect(response.json()).toEqual({ ready: false, shuttingDown: true, failing: [] })
    expect((await request(app, '/healthz')).status).toBe(200)
    expect((await request(app, '/work')).text()).toBe('app /work')
  })

  it('answers HEAD, and 405 with Allow for other methods', async () => {
    const app = health(inner)
    expect((await request(app, 'HEAD /readyz')).status).toBe(200)
    const post = await request(app, 'POST /healthz')
    expect([post.status, post.header('allow')]).toEqual([405, 'GET, HEAD'])
  })

  it('takes other paths, or none', async () => {
    const app = health(inner, { path: '/live', ready: false })
    expect((await request(app, '/live')).text()).toBe('ok\n')
    expect((await request(app, '/readyz')).text()).toBe('app /readyz')
  })

  it('rejects bad options when it is built', () => {
    expect(() => health(undefined as unknown as App)).toThrow(/health\(\): app must be a function, got undefined/)
    expect(() => health(inner, { path: 'healthz' })).toThrow(/options.path must be a path/)
    expect(() => health(inner, { checks: { db: true as unknown as () => boolean } })).toThrow(/options.checks.db/)
    expect(() => health(inner, { checks: [] as unknown as Record<string, () => boolean> })).toThrow(/options.checks/)
    expect(() => health(inner, { timeout: 0 })).toThrow(/options.timeout/)
  })
})
