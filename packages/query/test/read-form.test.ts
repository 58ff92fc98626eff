import { createInput, type Environ, isHTTPError } from '@tsgi/core'
import { QueryError, readForm } from '@tsgi/query'
import { describe, expect, it } from 'vitest'

const encoder = new TextEncoder()

/** A request whose body arrives in `chunks`; `pulled` counts the chunks the reader took. */
function formRequest(chunks: string[], contentType = 'application/x-www-form-urlencoded', contentLength = '') {
  const state = { pulled: 0 }
  async function* body() {
    for (const chunk of chunks) {
      state.pulled++
      yield encoder.encode(chunk)
    }
  }
  const environ: Pick<Environ, 'tsgi.input' | 'CONTENT_LENGTH' | 'CONTENT_TYPE'> = {
    CONTENT_TYPE: contentType,
    CONTENT_LENGTH: contentLength,
    'tsgi.input': createInput(() => body()),
  }
  return { environ, state }
}

async function statusOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise
  } catch (error) {
    return isHTTPError(error) ? error.status : undefined
  }
  return 200
}

describe('readForm(environ, options)', () => {
  it('parses a urlencoded body across chunks into a null-prototype object', async () => {
    const { environ } = formRequest(['name=Ada+Love', 'lace&city=Z%C3%', 'BCrich&__proto__=x&blank='])
    const form = await readForm(environ)
    expect(Object.getPrototypeOf(form)).toBe(null)
    expect(Object.keys(form)).toEqual(['name', 'city', '__proto__'])
    expect(form.name).toEqual(['Ada Lovelace'])
    expect(form.city).toEqual(['Zürich'])
    expect(Object.getOwnPropertyDescriptor(form, '__proto__')?.value).toEqual(['x'])
  })

  it('returns the same promise for a second call on the same environ, since the input can be read once', async () => {
    const { environ } = formRequest(['a=1'])
    const first = readForm(environ)
    expect(readForm(environ)).toBe(first)
    expect((await first).a).toEqual(['1'])
  })

  it('honours a UTF-8 charset parameter, in any case and quoted', async () => {
    for (const type of [
      'application/x-www-form-urlencoded; charset=UTF-8',
      'Application/X-WWW-Form-Urlencoded;charset="utf8"',
    ]) {
      const { environ } = formRequest(['q=%E2%82%AC&r=é'], type)
      expect({ ...(await readForm(environ)) }).toEqual({ q: ['€'], r: ['é'] })
    }
  })

  it('reads a quoted parameter whole, so a ";" inside the quotes is not a separator', async () => {
    const { environ } = formRequest(
      ['a=1'],
      'application/x-www-form-urlencoded; note="x;charset=latin1"; charset=utf-8',
    )
    expect({ ...(await readForm(environ)) }).toEqual({ a: ['1'] })
    const quoted = formRequest(['a=1'], 'application/x-www-form-urlencoded; charset="utf-8;latin1"')
    expect(await statusOf(readForm(quoted.environ))).toBe(415)
  })

  it('answers 415 for another content type or charset, before reading anything', async () => {
    for (const type of [
      '',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded; charset=latin1',
      'application/x-www-form-urlencoded; charset',
      'application/x-www-form-urlencoded; charset=utf-8; charset=latin1',
    ]) {
      const { environ, state } = formRequest(['a=1'], type)
      expect(await statusOf(readForm(environ))).toBe(415)
      expect(state.pulled).toBe(0)
    }
  })

  it('answers 413 for a body over the limit and reads nothing past it', async () => {
    const { environ, state } = formRequest(['a=12345', '6789', 'more', 'and more'])
    expect(await statusOf(readForm(environ, { limit: 10 }))).toBe(413)
    expect(state.pulled).toBe(2)
    const declared = formRequest(['a=1'], undefined, '2000000')
    expect(await statusOf(readForm(declared.environ))).toBe(413)
    expect(declared.state.pulled).toBe(0)
  })

  it('answers 413 for more than 1000 fields by default, or maxNumFields', async () => {
    const fields = Array.from({ length: 1001 }, (_, i) => `f${i}=${i}`).join('&')
    expect(await statusOf(readForm(formRequest([fields]).environ))).toBe(413)
    expect(await statusOf(readForm(formRequest(['a=1&b=2&c=3']).environ, { maxNumFields: 2 }))).toBe(413)
    expect(Object.keys(await readForm(formRequest([fields]).environ, { maxNumFields: 1001 }))).toHaveLength(1001)
  })

  it('rejects with a 400 QueryError for a bad field under strictParsing', async () => {
    await expect(readForm(formRequest(['a=1&oops']).environ, { strictParsing: true })).rejects.toThrow(
      new QueryError("bad query field: 'oops'"),
    )
  })

  it('keeps a leading byte-order mark, as the WHATWG urlencoded parser does', async () => {
    const { environ } = formRequest(['\ufeffa=1'])
    expect(Object.keys(await readForm(environ))).toEqual(['\ufeffa'])
  })

  it('rejects with a TypeError for an environ that is not an object', async () => {
    await expect(readForm(null as never)).rejects.toThrow(TypeError)
  })
})
