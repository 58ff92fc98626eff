import { parseStatus, statusLine } from '@tsgi/core'
import { describe, expect, it } from 'vitest'

describe('statusLine(code)', () => {
  it('builds the line with the registered reason phrase', () => {
    expect(statusLine(200)).toBe('200 OK')
    expect(statusLine(404)).toBe('404 Not Found')
    expect(statusLine(413)).toBe('413 Content Too Large')
    expect(statusLine(429)).toBe('429 Too Many Requests')
    expect(statusLine(503)).toBe('503 Service Unavailable')
  })

  it("gives a code without a registered reason its class's phrase", () => {
    expect(statusLine(199)).toBe('199 Informational')
    expect(statusLine(299)).toBe('299 Success')
    expect(statusLine(399)).toBe('399 Redirection')
    expect(statusLine(499)).toBe('499 Client Error')
    expect(statusLine(599)).toBe('599 Server Error')
  })

  it('returns the identical cached string on a second call', () => {
    const first = statusLine(201)
    expect(statusLine(201)).toBe(first)
    expect(statusLine(298)).toBe(statusLine(298))
  })

  it('makes lines parseStatus reads back', () => {
    for (let code = 100; code <= 599; code++) {
      expect(parseStatus(statusLine(code)).code).toBe(code)
    }
  })

  it('throws a RangeError naming code and what it got, for a number out of range', () => {
    expect(() => statusLine(600)).toThrow(
      new RangeError('statusLine(): code must be an integer from 100 to 599, got 600'),
    )
    for (const code of [99, 0, -200, 200.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => statusLine(code)).toThrow(RangeError)
    }
  })

  it('throws a TypeError naming code and what it got, for a non-number', () => {
    expect(() => statusLine('404' as never)).toThrow(new TypeError('statusLine(): code must be a number, got "404"'))
    expect(() => statusLine(undefined as never)).toThrow(TypeError)
  })
})

describe('parseStatus(line)', () => {
  it('splits a line into code and reason', () => {
    expect(parseStatus('404 Not Found')).toEqual({ code: 404, reason: 'Not Found' })
    expect(parseStatus('200 OK')).toEqual({ code: 200, reason: 'OK' })
  })

  it('keeps spaces and Latin-1 text inside the reason', () => {
    expect(parseStatus('418 I am  a teapot ')).toEqual({ code: 418, reason: 'I am  a teapot ' })
    expect(parseStatus('200 Ça va')).toEqual({ code: 200, reason: 'Ça va' })
  })

  it('throws a TypeError for an empty reason phrase (spec §4.1.1)', () => {
    expect(() => parseStatus('204 ')).toThrow(TypeError)
    expect(() => parseStatus('200 ')).toThrow(/status line like '200 OK'/)
  })

  it('throws a TypeError naming line and what it got, for a malformed line', () => {
    expect(() => parseStatus('404')).toThrow(
      new TypeError(`parseStatus(): line must be a status line like '200 OK' (spec §4.1), got "404"`),
    )
    for (const line of ['', '99 Low', '600 High', '0200 OK', '200OK', ' 200 OK', 'abc OK', '2O0 OK']) {
      expect(() => parseStatus(line), line).toThrow(TypeError)
    }
  })

  it('throws a TypeError for control characters in the reason', () => {
    for (const line of ['200 O\nK', '200 OK\r', '200 O\u0000K', '200 O\tK', '200 O\u007fK']) {
      expect(() => parseStatus(line), JSON.stringify(line)).toThrow(TypeError)
    }
  })

  it('throws a TypeError for characters above U+00FF in the reason', () => {
    expect(() => parseStatus('200 ✓')).toThrow(TypeError)
    expect(() => parseStatus('200 OK 😀')).toThrow(TypeError)
  })

  it('throws a TypeError for a non-string', () => {
    expect(() => parseStatus(200 as never)).toThrow(/got 200/)
    expect(() => parseStatus(null as never)).toThrow(/got null/)
  })
})
