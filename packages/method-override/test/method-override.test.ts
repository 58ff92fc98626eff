import { type App, type Environ, readBody } from '@tsgi/core'
import { exceptionMiddleware } from '@tsgi/exceptions'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { methodOverride } from '../src/index.js'

const encoder = new TextEncoder()
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

/** Answers with the method it saw, the original, and the body it could read. */
const echo: App = async (environ, startResponse) => {
  const body = new TextDecoder().decode(await readBody(environ))
  startResponse('200 OK', [['content-type', 'application/json']])
  const seen = { method: environ.REQUEST_METHOD, original: environ['tsgi.original_method'] ?? null, body }
  return [encoder.encode(JSON.stringify(seen))]
}

const send = async (target: string, init: Parameters<typeof request>[2] = {}, app = methodOverride(echo)) =>
  (await request(exceptionMiddleware(app), target, init)).json<{
    method: string
    original: string | null
    body: string
  }>()

describe('methodOverride(app, options)', () => {
  it('turns a POST into PUT, PATCH or DELETE from the X-HTTP-Method-Override header, keeping the original', async () => {
    for (const method of ['PUT', 'patch', ' Delete ']) {
      const seen = await send('POST /posts/1', { headers: { 'x-http-method-override': method }, body: 'a=1' })
      expect(seen).toEqual({ method: method.trim().toUpperCase(), original: 'POST', body: 'a=1' })
    }
  })

  it('leaves REQUEST_METHOD of the environ it received alone, which keeps the original too', async () => {
    let outer: Environ | undefined
    const spy: App = (environ, startResponse) => {
      outer = environ
      return methodOverride(echo)(environ, startResponse)
    }
    await request(spy, 'POST /', { headers: { 'x-http-method-override': 'PUT' } })
    expect([outer?.REQUEST_METHOD, outer?.['tsgi.original_method']]).toEqual(['POST', 'POST'])
  })

  it('turns a POST into DELETE from a _method form field, and the app still reads the whole body', async () => {
    const body = 'title=Hello+world&_method=DELETE&text=%E2%9C%93'
    expect(await send('POST /posts/1', { headers: FORM, body })).toEqual({ method: 'DELETE', original: 'POST', body })
  })

  it('reads a chunked form body too, and hands it on whole', async () => {
    const chunks = ['_meth', 'od=put&x=', '1']
    const body = (async function* () {
      for (const chunk of chunks) yield encoder.encode(chunk)
    })()
    expect(await send('POST /', { headers: FORM, body })).toEqual({
      method: 'PUT',
      original: 'POST',
      body: '_method=put&x=1',
    })
  })

  it('hands the form body on even when it names no method', async () => {
    expect(await send('POST /', { headers: FORM, body: 'a=1&b=2' })).toEqual({
      method: 'POST',
      original: null,
      body: 'a=1&b=2',
    })
  })

  it('changes only a POST: a GET, PUT or DELETE with an override stays what it is (Rocket #87)', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const seen = await send(`${method} /`, { headers: { 'x-http-method-override': 'PATCH' } })
      expect(seen).toEqual({ method, original: null, body: '' })
    }
  })

  it('refuses a POST standing for GET, HEAD, OPTIONS, QUERY or an unknown method with a 400 (rack #2502)', async () => {
    for (const value of ['GET', 'HEAD', 'OPTIONS', 'QUERY', 'CONNECT', 'FOO']) {
      const res = await request(exceptionMiddleware(methodOverride(echo)), 'POST /', {
        headers: { 'x-http-method-override': value },
      })
      expect(res.status, value).toBe(400)
      expect(res.text()).toContain(`A POST may stand for PUT, PATCH or DELETE only, not "${value}"`)
    }
    const form = await request(exceptionMiddleware(methodOverride(echo)), 'POST /', {
      headers: FORM,
      body: '_method=GET',
    })
    expect(form.status).toBe(400)
  })

  it('takes the header before the form, and reads no body for it', async () => {
    let read = false
    const body = {
      async *[Symbol.asyncIterator]() {
        read = true
        yield encoder.encode('_method=DELETE')
      },
    }
    const inner: App = (environ, startResponse) => {
      startResponse('200 OK', [])
      return [encoder.encode(environ.REQUEST_METHOD)]
    }
    const res = await request(methodOverride(inner), 'POST /', {
      headers: { ...FORM, 'x-http-method-override': 'PATCH' },
      body,
    })
    expect(res.text()).toBe('PATCH')
    expect(read).toBe(false)
  })

  it('leaves other bodies unread and the call synchronous', async () => {
    let result: unknown
    const spy: App = (environ, startResponse) => {
      result = methodOverride((_e: Environ, sr) => {
        sr('200 OK', [])
        return []
      })(environ, startResponse)
      return result as never
    }
    await request(spy, 'POST /', { headers: { 'content-type': 'application/json' }, body: '{"_method":"DELETE"}' })
    expect(Array.isArray(result)).toBe(true)
  })

  it('uses the header and field names given, and either can be turned off', async () => {
    const custom = methodOverride(echo, { header: 'X-Method', form: 'verb' })
    expect((await send('POST /', { headers: { 'x-method': 'PUT' } }, custom)).method).toBe('PUT')
    expect((await send('POST /', { headers: FORM, body: 'verb=PATCH' }, custom)).method).toBe('PATCH')
    const off = methodOverride(echo, { header: false, form: false })
    expect((await send('POST /', { headers: { 'x-http-method-override': 'PUT' } }, off)).method).toBe('POST')
    expect((await send('POST /', { headers: FORM, body: '_method=PUT' }, off)).method).toBe('POST')
  })

  it('answers a form over the limit with 413, never a truncated body', async () => {
    const res = await request(exceptionMiddleware(methodOverride(echo, { limit: 8 })), 'POST /', {
      headers: FORM,
      body: '_method=DELETE',
    })
    expect(res.status).toBe(413)
  })

  it('throws at build time for bad options, naming them', () => {
    expect(() => methodOverride(42 as never)).toThrow('methodOverride(): app must be a function, got 42')
    expect(() => methodOverride(echo, { header: 'x y' })).toThrow(
      /options\.header must be a header name or false, got "x y"/,
    )
    expect(() => methodOverride(echo, { form: '' })).toThrow(/options\.form must be a field name or false, got ""/)
    expect(() => methodOverride(echo, { limit: -1 })).toThrow(RangeError)
  })
})
