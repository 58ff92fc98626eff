import { CGI_KEYS, describeValue } from '@tsgi/core'
import { describe, expect, it } from 'vitest'

describe('describeValue(value)', () => {
  it.each([
    ['text', '"text"'],
    ['x'.repeat(100), `"${'x'.repeat(77)}..."`],
    [null, 'null'],
    [undefined, 'undefined'],
    [[1, 2], 'an array of length 2'],
    [new Uint8Array(3), 'a Uint8Array of 3 bytes'],
    [function named() {}, 'a function (named)'],
    [{ secret: 'hunter2' }, 'an object'],
    [new Map(), 'an instance of Map'],
    [10n, '10n'],
    [42, '42'],
  ])('shows %s as %s', (value, shown) => {
    expect(describeValue(value)).toBe(shown)
  })
})

describe('CGI_KEYS', () => {
  it('lists the nine CGI keys of spec §2.2 in the order servers build them, frozen', () => {
    expect(CGI_KEYS).toHaveLength(9)
    expect(CGI_KEYS[0]).toBe('REQUEST_METHOD')
    expect(Object.isFrozen(CGI_KEYS)).toBe(true)
  })
})
