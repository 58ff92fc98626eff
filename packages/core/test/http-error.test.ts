import { HTTPError, isHTTPError } from '@tsgi/core'
import { describe, expect, it } from 'vitest'

describe('new HTTPError(status, message, options)', () => {
  it('is an Error with its status, message and name', () => {
    const error = new HTTPError(404, 'No user 7')
    expect(error).toBeInstanceOf(Error)
    expect(error.status).toBe(404)
    expect(error.message).toBe('No user 7')
    expect(error.name).toBe('HTTPError')
    expect(String(error)).toBe('HTTPError: No user 7')
    expect(error.stack).toMatch(/^HTTPError: No user 7/)
  })

  it("defaults the message to the status's reason phrase", () => {
    expect(new HTTPError(404).message).toBe('Not Found')
    expect(new HTTPError(499).message).toBe('Client Error')
    expect(new HTTPError(500, '').message).toBe('')
  })

  it('exposes the message of a 4xx and hides that of a 5xx, unless told otherwise', () => {
    expect(new HTTPError(400).expose).toBe(true)
    expect(new HTTPError(499).expose).toBe(true)
    expect(new HTTPError(500).expose).toBe(false)
    expect(new HTTPError(503, 'down', { expose: true }).expose).toBe(true)
    expect(new HTTPError(404, 'x', { expose: false }).expose).toBe(false)
  })

  it('carries headers, an empty list by default', () => {
    expect(new HTTPError(400).headers).toEqual([])
    const headers = [['retry-after', '5']] as const
    expect(new HTTPError(503, undefined, { headers: [...headers] }).headers).toEqual([['retry-after', '5']])
  })

  it('has a cause only when one was given, even an undefined one', () => {
    expect('cause' in new HTTPError(500)).toBe(false)
    const cause = new Error('db down')
    expect(new HTTPError(500, undefined, { cause }).cause).toBe(cause)
    const explicit = new HTTPError(500, undefined, { cause: undefined })
    expect('cause' in explicit).toBe(true)
  })

  it('accepts every status from 400 to 599', () => {
    for (let status = 400; status <= 599; status++) expect(new HTTPError(status).status).toBe(status)
  })

  it('throws a RangeError naming status and what it got, for a number out of range', () => {
    expect(() => new HTTPError(200)).toThrow(
      new RangeError('HTTPError: status must be an integer from 400 to 599, got 200'),
    )
    for (const status of [399, 600, 404.5, Number.NaN]) expect(() => new HTTPError(status)).toThrow(RangeError)
  })

  it('throws a TypeError naming status and what it got, for a non-number', () => {
    expect(() => new HTTPError('404' as never)).toThrow(new TypeError('HTTPError: status must be a number, got "404"'))
  })

  it('throws a TypeError naming message, options, headers or expose and what it got', () => {
    expect(() => new HTTPError(400, 42 as never)).toThrow(new TypeError('HTTPError: message must be a string, got 42'))
    expect(() => new HTTPError(400, 'x', null as never)).toThrow(
      new TypeError('HTTPError: options must be an object, got null'),
    )
    expect(() => new HTTPError(400, 'x', { headers: 'allow: GET' as never })).toThrow(
      new TypeError('HTTPError: options.headers must be an array of [name, value] pairs, got "allow: GET"'),
    )
    expect(() => new HTTPError(400, 'x', { expose: 'yes' as never })).toThrow(
      new TypeError('HTTPError: options.expose must be a boolean, got "yes"'),
    )
  })
})

describe('HTTPError.from(thrown)', () => {
  it('passes an HTTPError through as it is', () => {
    const error = new HTTPError(409, 'taken')
    expect(HTTPError.from(error)).toBe(error)
  })

  it('passes through anything with the brand, such as one from another copy of the package', () => {
    const foreign = { isHTTPError: true, status: 418, message: 'teapot', headers: [], expose: true }
    expect(HTTPError.from(foreign)).toBe(foreign)
  })

  it('keeps the status, expose and headers of an Error that carries a status from 400 to 599', () => {
    const thrown = Object.assign(new Error('no such row'), { status: 404 })
    const error = HTTPError.from(thrown)
    expect(error).toBeInstanceOf(HTTPError)
    expect(error.status).toBe(404)
    expect(error.message).toBe('no such row')
    expect(error.expose).toBe(true)
    expect(error.cause).toBe(thrown)

    const hidden = HTTPError.from(Object.assign(new Error('secret'), { status: 404, expose: false }))
    expect(hidden.expose).toBe(false)
    const exposed = HTTPError.from(Object.assign(new Error('busy'), { status: 503, expose: true }))
    expect(exposed.expose).toBe(true)
    const withHeaders = HTTPError.from(
      Object.assign(new Error('x'), { status: 401, headers: [['www-authenticate', 'Basic']] }),
    )
    expect(withHeaders.headers).toEqual([['www-authenticate', 'Basic']])
  })

  it('turns an Error whose status is not an error status into an unexposed 500', () => {
    for (const status of [200, 302, 600, 404.5, '404']) {
      const thrown = Object.assign(new Error('odd'), { status })
      const error = HTTPError.from(thrown)
      expect(error.status, String(status)).toBe(500)
      expect(error.expose).toBe(false)
      expect(error.message).toBe('Internal Server Error')
      expect(error.cause).toBe(thrown)
    }
  })

  it('ignores expose and headers of the wrong type on an Error with a status', () => {
    const error = HTTPError.from(Object.assign(new Error('x'), { status: 404, expose: 'no', headers: 'a: b' }))
    expect(error.status).toBe(404)
    expect(error.expose).toBe(true)
    expect(error.headers).toEqual([])
  })

  it('turns a plain Error into an unexposed 500 that keeps it as the cause', () => {
    const thrown = new TypeError('x is undefined')
    const error = HTTPError.from(thrown)
    expect(error.status).toBe(500)
    expect(error.expose).toBe(false)
    expect(error.message).toBe('Internal Server Error')
    expect(error.cause).toBe(thrown)
  })

  it('turns a thrown string, or anything that is not an Error, into an unexposed 500 with it as the cause', () => {
    for (const thrown of ['oops', 42, null, undefined, { status: 404 }]) {
      const error = HTTPError.from(thrown)
      expect(error.status).toBe(500)
      expect(error.expose).toBe(false)
      expect(error.cause).toBe(thrown)
      expect('cause' in error).toBe(true)
    }
  })
})

describe('isHTTPError(value)', () => {
  it('is true for an HTTPError', () => {
    expect(isHTTPError(new HTTPError(400))).toBe(true)
  })

  it('is true for a copy from elsewhere that carries the brand', () => {
    class ForeignHTTPError extends Error {
      readonly status = 404
      get isHTTPError(): true {
        return true
      }
    }
    expect(isHTTPError(new ForeignHTTPError())).toBe(true)
  })

  it('is false for other values', () => {
    for (const value of [new Error('x'), { status: 404 }, { isHTTPError: 'true' }, null, undefined, 'HTTPError', 404]) {
      expect(isHTTPError(value)).toBe(false)
    }
  })

  it('keeps the brand out of JSON and object spreads', () => {
    const error = new HTTPError(404)
    expect(JSON.parse(JSON.stringify(error))).not.toHaveProperty('isHTTPError')
    expect({ ...error }).not.toHaveProperty('isHTTPError')
  })
})
