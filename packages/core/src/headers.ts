import { describe } from './_internal/describe.js'
import type { HeaderList } from './types.js'

// Header names compare case-insensitively (spec §4.2, RFC 9110 §5.1), and a header list is never
// mutated once passed on (spec §4.3): withHeader/withoutHeader return new lists.

/**
 * Returns the value of the first header named `name` (any case), or `undefined`.
 *
 * @throws {TypeError} if `headers` is not an array or `name` is not a non-empty string.
 * @example
 * getHeader([['Content-Type', 'text/plain']], 'content-type') // 'text/plain'
 */
export function getHeader(headers: HeaderList, name: string): string | undefined {
  checkHeaders('getHeader', headers)
  const lower = checkName('getHeader', name)
  for (const [key, value] of headers) {
    if (key.length === lower.length && key.toLowerCase() === lower) return value
  }
  return undefined
}

/**
 * Returns a new list with every header named `name` (any case) replaced by one `[name, value]`,
 * appended at the end. The list passed in is not changed.
 *
 * @throws {TypeError} if `headers` is not an array, `name` is not a non-empty string or `value` is not a string.
 * @example
 * startResponse(status, withHeader(headers, 'cache-control', 'no-store'))
 */
export function withHeader(headers: HeaderList, name: string, value: string): HeaderList {
  checkHeaders('withHeader', headers)
  const lower = checkName('withHeader', name)
  if (typeof value !== 'string') {
    throw new TypeError(`withHeader(): value must be a string, got ${describe(value)}`)
  }
  const result = headers.filter(([key]) => key.toLowerCase() !== lower)
  result.push([name, value])
  return result
}

/**
 * Returns a new list without any header named `name` (any case); the same list when it has none.
 *
 * @throws {TypeError} if `headers` is not an array or `name` is not a non-empty string.
 * @example
 * withoutHeader(headers, 'content-length') // after changing the body's bytes
 */
export function withoutHeader(headers: HeaderList, name: string): HeaderList {
  checkHeaders('withoutHeader', headers)
  const lower = checkName('withoutHeader', name)
  return headers.some(([key]) => key.toLowerCase() === lower)
    ? headers.filter(([key]) => key.toLowerCase() !== lower)
    : headers
}

function checkHeaders(caller: string, headers: unknown): void {
  if (!Array.isArray(headers)) {
    throw new TypeError(`${caller}(): headers must be an array of [name, value] pairs, got ${describe(headers)}`)
  }
}

function checkName(caller: string, name: unknown): string {
  if (typeof name !== 'string' || name === '') {
    throw new TypeError(`${caller}(): name must be a non-empty header name, got ${describe(name)}`)
  }
  return name.toLowerCase()
}
