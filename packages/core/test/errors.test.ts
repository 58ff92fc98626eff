import {
  BadRequest,
  Conflict,
  Forbidden,
  HTTPError,
  InternalServerError,
  isHTTPError,
  MethodNotAllowed,
  NotAcceptable,
  NotFound,
  NotImplemented,
  PayloadTooLarge,
  RequestHeaderFieldsTooLarge,
  ServiceUnavailable,
  statusLine,
  TooManyRequests,
  Unauthorized,
  UnprocessableEntity,
  UnsupportedMediaType,
} from '@tsgi/core'
import { describe, expect, it } from 'vitest'

type Subclass = new (message?: string, options?: ConstructorParameters<typeof HTTPError>[2]) => HTTPError

const subclasses: [Subclass, number, string][] = [
  [BadRequest, 400, 'BadRequest'],
  [Unauthorized, 401, 'Unauthorized'],
  [Forbidden, 403, 'Forbidden'],
  [NotFound, 404, 'NotFound'],
  [NotAcceptable, 406, 'NotAcceptable'],
  [Conflict, 409, 'Conflict'],
  [PayloadTooLarge, 413, 'PayloadTooLarge'],
  [UnsupportedMediaType, 415, 'UnsupportedMediaType'],
  [UnprocessableEntity, 422, 'UnprocessableEntity'],
  [TooManyRequests, 429, 'TooManyRequests'],
  [RequestHeaderFieldsTooLarge, 431, 'RequestHeaderFieldsTooLarge'],
  [InternalServerError, 500, 'InternalServerError'],
  [NotImplemented, 501, 'NotImplemented'],
  [ServiceUnavailable, 503, 'ServiceUnavailable'],
]

describe('the HTTPError subclasses', () => {
  it.each(subclasses)('%o has its status, name and reason phrase', (Class, status, name) => {
    const error = new Class()
    expect(error).toBeInstanceOf(HTTPError)
    expect(error).toBeInstanceOf(Error)
    expect(isHTTPError(error)).toBe(true)
    expect(error.status).toBe(status)
    expect(error.name).toBe(name)
    expect(error.message).toBe(statusLine(status).slice(4))
    expect(error.expose).toBe(status < 500)
    expect(error.headers).toEqual([])
  })

  it.each(subclasses)('%o takes a message and HTTPError options', (Class) => {
    const cause = new Error('root')
    const error = new Class('custom', { cause, expose: false, headers: [['retry-after', '1']] })
    expect(error.message).toBe('custom')
    expect(error.cause).toBe(cause)
    expect(error.expose).toBe(false)
    expect(error.headers).toEqual([['retry-after', '1']])
  })

  it.each(subclasses)('%o checks its arguments as HTTPError does', (Class) => {
    expect(() => new Class(1 as never)).toThrow(/message must be a string, got 1/)
    expect(() => new Class('x', null as never)).toThrow(/options must be an object, got null/)
  })
})

describe('new MethodNotAllowed(allowed, message, options)', () => {
  it('is a 405 whose allow header lists the allowed methods', () => {
    const error = new MethodNotAllowed(['GET', 'HEAD'])
    expect(error.status).toBe(405)
    expect(error.name).toBe('MethodNotAllowed')
    expect(error.message).toBe('Method Not Allowed')
    expect(error.headers).toEqual([['allow', 'GET, HEAD']])
    expect(error.allowed).toEqual(['GET', 'HEAD'])
  })

  it('sends an empty allow header when nothing is allowed', () => {
    expect(new MethodNotAllowed([]).headers).toEqual([['allow', '']])
  })

  it('keeps other headers from options before allow', () => {
    const error = new MethodNotAllowed(['POST'], 'use POST', { headers: [['x-a', '1']], expose: false })
    expect(error.headers).toEqual([
      ['x-a', '1'],
      ['allow', 'POST'],
    ])
    expect(error.message).toBe('use POST')
    expect(error.expose).toBe(false)
  })

  it('keeps its own copy of the allowed methods', () => {
    const allowed = ['GET']
    const error = new MethodNotAllowed(allowed)
    allowed.push('DELETE')
    expect(error.allowed).toEqual(['GET'])
    expect(Object.isFrozen(error.allowed)).toBe(true)
  })

  it('throws a TypeError naming allowed and what it got', () => {
    expect(() => new MethodNotAllowed('GET' as never)).toThrow(
      new TypeError('MethodNotAllowed: allowed must be an array of method names, got "GET"'),
    )
    expect(() => new MethodNotAllowed([1] as never)).toThrow(/got an array of length 1/)
  })

  it('throws a TypeError naming options and what it got', () => {
    expect(() => new MethodNotAllowed(['GET'], undefined, null as never)).toThrow(
      new TypeError('MethodNotAllowed: options must be an object, got null'),
    )
    expect(() => new MethodNotAllowed(['GET'], undefined, { headers: 'x' as never })).toThrow(
      /options.headers must be an array/,
    )
  })
})
