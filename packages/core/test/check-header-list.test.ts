import { checkHeaderList, errorHeaders } from '@tsgi/core'
import { describe, expect, it } from 'vitest'

describe('checkHeaderList(headers)', () => {
  it('returns the Content-Length, or -1 without one', () => {
    expect(
      checkHeaderList([
        ['Content-Type', 'text/plain'],
        ['Content-Length', '12'],
      ]),
    ).toBe(12)
    expect(
      checkHeaderList([
        ['content-length', '3'],
        ['Content-Length', '3'],
      ]),
    ).toBe(3)
    expect(
      checkHeaderList([
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
        ['x-tab', 'a\tb'],
      ]),
    ).toBe(-1)
    expect(checkHeaderList([])).toBe(-1)
  })

  it.each([
    ['not an array', 'content-type: text/plain', /array of \[name, value\] pairs/],
    ['a pair of three', [['a', 'b', 'c']], /header 0 must be a \[name, value\] pair/],
    ['a name that is not a token', [['x bad', '1']], /not a token/],
    ['a value with CR LF', [['x-a', 'a\r\nset-cookie: x=1']], /control character/],
    ['a value beyond U+00FF', [['x-a', 'snow ☃']], /above U\+00FF/],
    ['a number as value', [['x-a', 1]], /not a string/],
    ['a status header', [['Status', '200']], /"status" header/],
    ['a hop-by-hop header', [['Transfer-Encoding', 'chunked']], /hop-by-hop/],
    ['Proxy-Authenticate', [['proxy-authenticate', 'Basic']], /hop-by-hop/],
    ['a Content-Length that is not digits', [['content-length', '-1']], /Content-Length/],
    [
      'two different Content-Lengths',
      [
        ['content-length', '1'],
        ['content-length', '2'],
      ],
      /Content-Length/,
    ],
  ])('throws a TypeError for %s', (_label, headers, message) => {
    expect(() => checkHeaderList(headers)).toThrow(TypeError)
    expect(() => checkHeaderList(headers)).toThrow(message)
  })
})

describe('errorHeaders(headers)', () => {
  it('keeps the headers that pass §4.2 and §4.4 and drops the others and the framing ones', () => {
    expect(
      errorHeaders([
        ['Allow', 'GET, HEAD'],
        ['x-bad', 'a\r\nset-cookie: x=1'],
        ['bad name', '1'],
        ['Connection', 'close'],
        ['status', '200'],
        ['Content-Type', 'text/html'],
        ['content-length', '9'],
        ['x-pair', 'a', 'b'],
        ['www-authenticate', 'Basic realm="x"'],
      ]),
    ).toEqual([
      ['Allow', 'GET, HEAD'],
      ['www-authenticate', 'Basic realm="x"'],
    ])
  })

  it('gives an empty list for anything that is not an array', () => {
    expect(errorHeaders(undefined)).toEqual([])
    expect(errorHeaders('allow: GET')).toEqual([])
  })
})
