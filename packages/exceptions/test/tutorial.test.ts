// The tutorial's ExceptionMiddleware example ("applications are like ogres, they have layers"):
// an app that raises, wrapped in the middleware. The tutorial rendered the traceback to every
// client; here the traceback is a debug-only page and production shows the status text.
import type { App } from '@tsgi/core'
import { exceptionMiddleware } from '@tsgi/exceptions'
import { describe, expect, it } from 'vitest'
import { header, run } from './_recorder.js'

const encoder = new TextEncoder()

// The tutorial's hello app, with the bug the middleware is there to catch.
const hello: App = (environ, startResponse) => {
  const subject = new URLSearchParams(environ.QUERY_STRING).get('subject')
  if (subject === null) throw new Error('subject is required')
  startResponse('200 OK', [['content-type', 'text/plain; charset=utf-8']])
  return [encoder.encode(`Hello ${subject}`)]
}

describe('the tutorial: exceptionMiddleware(hello)', () => {
  it('answers normally when the app does not raise', async () => {
    const res = await run(exceptionMiddleware(hello), { path: '/hello', query: 'subject=ogres' })
    expect(res.status).toBe('200 OK')
    expect(res.text).toBe('Hello ogres')
  })

  it('renders the traceback with a 500 in debug mode, as the tutorial did', async () => {
    const res = await run(exceptionMiddleware(hello, { debug: true }), { path: '/hello' })
    expect(res.status).toBe('500 Internal Server Error')
    expect(header(res, 'content-type')).toBe('text/plain; charset=utf-8')
    expect(res.text).toMatch(/^500 Internal Server Error\n\nError: subject is required\n\nGET \/hello HTTP\/1\.1\n\n/)
    expect(res.text).toContain('Error: subject is required\n    at hello ')
  })

  it('sends a bare 500 in production and logs the traceback to tsgi.errors instead', async () => {
    const res = await run(exceptionMiddleware(hello), { path: '/hello' })
    expect(res.status).toBe('500 Internal Server Error')
    expect(res.text).toBe('500 Internal Server Error\n')
    expect(res.log).toContain('[tsgi] GET /hello: Error: subject is required\n    at hello ')
  })
})
