import { DEFAULT_MAX_ENTRIES, isHTTPError, negotiate } from '@tsgi/core'
import { describe, expect, it } from 'vitest'

describe("negotiate('accept', header, offers)", () => {
  const offers = ['text/plain', 'application/json', 'text/html'] as const
  it.each([
    [undefined, 'text/plain'],
    ['*/*', 'text/plain'],
    ['application/json', 'application/json'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/html'],
    ['application/json, text/plain, */*', 'application/json'],
    ['text/html;q=0.5, application/json;q=0.9', 'application/json'],
    ['text/*;q=0.3, text/html;q=0.7', 'text/html'],
    ['text/plain;q=0, */*', 'application/json'],
    ['text/*, text/plain;q=0', 'text/html'],
    ['image/png', undefined],
    ['', undefined],
    ['text/html;q=0, application/json;q=0, text/plain;q=0', undefined],
    ['application/json;q=2, text/html', 'text/html'],
    ['application/json;q=0.5000, text/html;q=0.4', 'text/html'],
    ['APPLICATION/JSON', 'application/json'],
    [' , ,application/json', 'application/json'],
  ])('for %j picks %j', (header, expected) => {
    expect(negotiate('accept', header, offers)).toBe(expected)
  })

  it('lets media-type parameters narrow a range and make it more specific', () => {
    const html = ['text/html;level=1', 'text/html;level=2'] as const
    expect(negotiate('accept', 'text/html;level=2', html)).toBe('text/html;level=2')
    expect(negotiate('accept', 'text/html;q=0.5, text/html;level=1;q=0.9', html)).toBe('text/html;level=1')
    expect(negotiate('accept', 'text/html;level=1;q=0, text/*', html)).toBe('text/html;level=2')
    expect(negotiate('accept', 'text/html;level="1"', html)).toBe('text/html;level=1')
    // A comma inside a quoted parameter does not split the list.
    expect(negotiate('accept', 'text/html;level="1,2";q=1, text/html;level=2;q=0.1', html)).toBe('text/html;level=2')
  })

  it('breaks ties by header order, or by offer order when asked', () => {
    expect(negotiate('accept', 'text/html, application/json', offers)).toBe('text/html')
    expect(negotiate('accept', 'text/html, application/json', offers, { ties: 'offers' })).toBe('application/json')
  })
})

describe("negotiate('accept-encoding', header, offers)", () => {
  const offers = ['br', 'gzip', 'identity'] as const
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['GZip;q=0.5, br;q=0.4', 'gzip'],
    ['*', 'br'],
    ['*;q=0.5, gzip', 'gzip'],
    ['br;q=0, *', 'gzip'],
    ['compress', 'identity'],
    ['', 'identity'],
    ['identity;q=0.1, gzip;q=0.2', 'gzip'],
    ['identity, gzip;q=0.2', 'identity'],
    ['deflate;q=0.9', 'identity'],
    ['identity;q=0', undefined],
    ['compress, identity;q=0', undefined],
    ['*;q=0', undefined],
    ['*;q=0, identity', 'identity'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['gzip;q=1.5', 'identity'],
  ])('for %j picks %j', (header, expected) => {
    expect(negotiate('accept-encoding', header, offers)).toBe(expected)
  })

  it('treats identity like any coding when it is not offered', () => {
    expect(negotiate('accept-encoding', 'compress', ['br', 'gzip'])).toBeUndefined()
    expect(negotiate('accept-encoding', undefined, ['br', 'gzip'])).toBe('br')
  })

  it('prefers the server order among equals unless asked for the header order', () => {
    expect(negotiate('accept-encoding', 'gzip, br', ['br', 'gzip'])).toBe('br')
    expect(negotiate('accept-encoding', 'gzip, br', ['br', 'gzip'], { ties: 'header' })).toBe('gzip')
  })
})

describe("negotiate('accept-language', header, offers)", () => {
  const offers = ['en-US', 'en-GB', 'fr', 'de-CH'] as const
  it.each([
    ['fr', 'fr'],
    ['en', 'en-US'],
    ['en-gb, en;q=0.8', 'en-GB'],
    ['da, en-gb;q=0.8, en;q=0.7', 'en-GB'],
    ['de', 'de-CH'],
    ['de-DE', undefined],
    ['en;q=0.5, *', 'fr'],
    ['*, en;q=0', 'fr'],
    ['e', undefined],
  ])('for %j picks %j', (header, expected) => {
    expect(negotiate('accept-language', header, offers)).toBe(expected)
  })
})

describe('negotiate() limits and argument errors', () => {
  it('refuses a header with more entries than maxEntries with a 431, reading no further', () => {
    const many = Array.from({ length: DEFAULT_MAX_ENTRIES + 1 }, (_, index) => `x${index}`).join(',')
    let thrown: unknown
    try {
      negotiate('accept-encoding', many, ['gzip'])
    } catch (error) {
      thrown = error
    }
    expect(isHTTPError(thrown) && thrown.status).toBe(431)
    expect(negotiate('accept-encoding', many.split(',').slice(1).join(','), ['gzip', 'identity'])).toBe('identity')
    expect(() => negotiate('accept', 'a/b, c/d, e/f', ['a/b'], { maxEntries: 2 })).toThrow(/more than 2 entries/)
  })

  it('stays linear on a huge header of empty elements', () => {
    // Empty list elements are skipped, not counted; one pass over a megabyte of commas.
    expect(negotiate('accept-encoding', `${','.repeat(1 << 20)}gzip`, ['gzip'])).toBe('gzip')
  })

  it('throws TypeError or RangeError naming the argument', () => {
    expect(() => negotiate('accept-charset' as never, '', [])).toThrow(/field must be .* got "accept-charset"/)
    expect(() => negotiate('accept', '', 'text/html' as never)).toThrow(
      /offers must be an array of strings, got "text\/html"/,
    )
    expect(() => negotiate('accept', '', ['a/b'], { maxEntries: 0 })).toThrow(RangeError)
  })
})
