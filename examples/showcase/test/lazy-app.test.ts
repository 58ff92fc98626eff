import type { App } from '@tsgi/core'
import { createEnviron, request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { app, lazyApp, showcase } from '../src/app.js'

const ok: App = (_environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'text/plain']])
  return [new TextEncoder().encode('ready')]
}

describe('lazyApp()', () => {
  it('creates the app on the first request only, and every request waits for it', async () => {
    let created = 0
    const app = lazyApp(async () => {
      created++
      await new Promise((resolve) => setTimeout(resolve, 20))
      return ok
    })
    expect(created).toBe(0) // importing and wrapping starts nothing
    const responses = await Promise.all([request(app, 'GET /'), request(app, 'GET /')])
    expect(responses.map((response) => response.text())).toEqual(['ready', 'ready'])
    await request(app, 'GET /')
    expect(created).toBe(1)
  })

  it('fails the requests while creating fails, and tries again on the next one', async () => {
    let attempts = 0
    const app = lazyApp(async () => {
      attempts++
      if (attempts === 1) throw new Error('database not there yet')
      return ok
    })
    await expect(request(app, 'GET /')).rejects.toThrow('database not there yet')
    expect((await request(app, 'GET /')).text()).toBe('ready')
    expect(attempts).toBe(2)
  })
})

describe('app', () => {
  it('refuses to run in several processes, before it opens any database', () => {
    const environ = { ...createEnviron({ path: '/' }), 'tsgi.multiprocess': true }
    expect(() => app(environ, () => () => {})).toThrow(/serve it with one worker/)
  })
})

describe('showcase()', () => {
  it('names a bad option at once', () => {
    expect(() => showcase({ db: undefined as never })).toThrow(
      /options\.db must be an open PGlite database, got undefined/,
    )
    const db = { query: async () => ({ rows: [] }) } as never
    expect(() => showcase({ db, maxFileSize: 0 })).toThrow(RangeError)
    expect(() => showcase({ db, secrets: ['short'] })).toThrow(RangeError)
  })
})
