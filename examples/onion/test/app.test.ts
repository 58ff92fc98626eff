import type { App, Body } from '@tsgi/core'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { accessLog } from '../src/access-log.js'
import { app, kitchen, onion } from '../src/app.js'
import { errorPage } from '../src/error-page.js'
import { requestId } from '../src/request-id.js'

const encoder = new TextEncoder()
const lines = (errors: string): string[] => errors.split('\n').filter(Boolean)

/** An inner app whose body counts its close() calls. */
function counted(fail?: 'before' | 'after'): { app: App; closes: () => number } {
  let closes = 0
  const inner: App = (_environ, startResponse) => {
    startResponse('200 OK', [['content-type', 'text/plain']])
    const body: Body = {
      *[Symbol.iterator]() {
        if (fail === 'before') throw new Error('before')
        yield encoder.encode('one')
        if (fail === 'after') throw new Error('after')
        yield encoder.encode('two')
      },
      close() {
        closes++
      },
    }
    return body
  }
  return { app: inner, closes: () => closes }
}

describe('onion (compose(requestId, accessLog, errorPage))', () => {
  it('enters the layers outermost first and leaves them in reverse, before the body is sent', async () => {
    const response = await request(app, 'GET /')
    expect(response.status).toBe(200)
    expect(response.text()).toBe('soup\nfish\ncake\n')
    expect(lines(response.errors)).toEqual([
      'requestId: in (1)',
      'accessLog: in (1)',
      'kitchen: called (1)',
      'accessLog: out (1)',
      'requestId: out (1)',
      'kitchen: body closed',
      'accessLog: done (1) GET / 200',
    ])
  })

  it('passes the environ extension set by the outer layer to the inner ones, and adds its header', async () => {
    const response = await request(app, 'GET /', { headers: { 'x-request-id': 'abc' } })
    expect(response.header('x-request-id')).toBe('abc')
    expect(lines(response.errors)).toContain('kitchen: called (abc)')
  })

  it('lets the inner layer replace a started response through excInfo, and the outer layers see the 503', async () => {
    const response = await request(app, 'GET /burnt', { headers: { 'x-request-id': 'r2' } })
    expect(response.status).toBe(503)
    expect(response.header('content-type')).toBe('text/plain; charset=utf-8')
    expect(response.header('x-request-id')).toBe('r2') // the outer layer's header is on the replacement
    expect(response.text()).toBe('Sorry, the kitchen is closed. Try again later.\n')
    const log = lines(response.errors)
    expect(log).toContain('errorPage: replaced the response (Error: the oven is cold)')
    expect(log.filter((line) => line === 'kitchen: body closed')).toHaveLength(1)
    expect(log.at(-1)).toBe('accessLog: done (r2) GET /burnt 503')
  })

  it('cannot replace a response once its first chunk went out: the request fails and the body is still closed', async () => {
    const errors = { text: '', write: (text: string) => void (errors.text += text) }
    await expect(request(app, 'GET /late', { errors })).rejects.toThrow('the fish is off')
    expect(lines(errors.text).filter((line) => line === 'kitchen: body closed')).toHaveLength(1)
    const log = lines(errors.text)
    expect(log).toContain('errorPage: replaced the response (Error: the fish is off)') // it tried; the server refused
    // The log records the last status a layer asked for, and that the response failed.
    expect(log.at(-1)).toMatch(/^accessLog: done \(\d+\) GET \/late 503 failed$/)
  })

  it('forwards close() through every layer to the innermost body exactly once', async () => {
    for (const [fail, status] of [
      [undefined, 200],
      ['before', 503],
    ] as const) {
      const inner = counted(fail)
      const response = await request(onion(inner.app), 'GET /')
      expect(response.status).toBe(status)
      expect(inner.closes()).toBe(1)
    }
    const late = counted('after')
    await expect(request(onion(late.app), 'GET /')).rejects.toThrow('after')
    expect(late.closes()).toBe(1)
  })

  it('closes the innermost body once when the response stops early (HEAD)', async () => {
    const inner = counted()
    const response = await request(onion(inner.app), 'HEAD /')
    expect(response.body).toHaveLength(0)
    expect(inner.closes()).toBe(1)
    expect(lines(response.errors).at(-1)).toBe('accessLog: done (1) HEAD / 200 stopped early')
  })

  it('is the same stack as applying the layers by hand, outermost first', async () => {
    const byHand = requestId(accessLog(errorPage(kitchen)))
    const init = { headers: { 'x-request-id': 'same' } }
    const [composed, manual] = await Promise.all([
      request(app, 'GET /burnt', init),
      request(byHand, 'GET /burnt', init),
    ])
    expect(manual.status).toBe(composed.status)
    expect(lines(manual.errors)).toEqual(lines(composed.errors))
  })
})
