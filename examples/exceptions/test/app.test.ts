import { isHTTPError } from '@tsgi/exceptions'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { app, debugApp } from '../src/app.js'

describe('app (production pages)', () => {
  it('passes a working response through untouched', async () => {
    const response = await request(app, 'GET /')
    expect(response.status).toBe(200)
    expect(response.text()).toBe('Hello ogres\n')
  })

  it('answers a bug with a bare 500 and writes the stack to tsgi.errors only', async () => {
    const response = await request(app, 'GET /divide?a=6&b=0')
    expect(response.status).toBe(500)
    expect(response.text()).toBe('500 Internal Server Error\n')
    expect(response.text()).not.toContain('divide')
    expect(response.errors).toContain('RangeError: cannot divide 6 by zero')
    expect(response.errors).toMatch(/at divide \(/) // the stack, for the operator
  })

  it('shows the message of a 4xx HTTPError, since it was written for the client', async () => {
    const response = await request(app, 'GET /users/7')
    expect(response.status).toBe(404)
    expect(response.text()).toContain('No user 7')
  })

  it('catches a rejected promise and a body that fails before its first chunk, replacing the 200', async () => {
    for (const path of ['/slow', '/body']) {
      const response = await request(app, `GET ${path}`)
      expect(response.status).toBe(500)
      expect(response.text()).toBe('500 Internal Server Error\n')
    }
  })

  it('answers JSON to a client that asks for it', async () => {
    const response = await request(app, 'GET /users/7', { headers: { accept: 'application/json' } })
    expect(response.json()).toEqual({ error: { status: 404, message: 'No user 7' } })
  })

  it('cannot replace a response whose first chunk went out: the server sees the error and cuts it', async () => {
    // The middleware's startResponse(status, headers, excInfo) rethrew: the server gets the error
    // (normalised to an HTTPError 500 whose cause is what the body threw) and cuts the connection.
    const failure = await request(app, 'GET /stream').then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(isHTTPError(failure) && failure.status).toBe(500)
    expect((failure as { cause?: Error }).cause?.message).toBe('the stream broke')
  })
})

describe('debugApp (development pages)', () => {
  it('shows the traceback, as the tutorial middleware did, plus the request line', async () => {
    const response = await request(debugApp, 'GET /divide?a=6&b=0')
    expect(response.status).toBe(500)
    const page = response.text()
    expect(page).toContain('RangeError: cannot divide 6 by zero')
    expect(page).toMatch(/at divide \(/)
    expect(page).toContain('GET /divide?a=6&b=0 HTTP/1.1')
  })

  it('escapes what it shows in an HTML page', async () => {
    const response = await request(debugApp, 'GET /users/%3Cscript%3E', { headers: { accept: 'text/html' } })
    expect(response.status).toBe(404)
    expect(response.header('content-type')).toMatch(/^text\/html/)
    expect(response.text()).toContain('No user &lt;script&gt;')
    expect(response.text()).not.toContain('<script>')
  })
})
