import type { Environ } from '@tsgi/core'
import { parse } from 'cookie'

/** The parsed cookies of each environ, so every layer that asks parses the header once (spec §7.4: a WeakMap, not an environ key). */
const parsed = new WeakMap<object, Readonly<Record<string, string>>>()

/**
 * The request's cookies (`environ.HTTP_COOKIE`), parsed once per environ by the `cookie` package
 * (RFC 6265 §5.4 order: the first of two same-named cookies wins) and shared by every caller. The
 * record has no prototype (`__proto__` or `constructor` are ordinary names), values are
 * percent-decoded (a value that is not valid percent-encoding is kept as sent), and callers must
 * treat it as read-only. Cached in a `WeakMap` keyed by the environ, as `queryOf` is.
 *
 * @throws {TypeError} if `environ` is not an object.
 * @example
 * const theme = cookiesOf(environ).theme ?? 'light'
 */
export function cookiesOf(environ: Pick<Environ, `HTTP_${string}`>): Readonly<Record<string, string | undefined>> {
  if (environ === null || typeof environ !== 'object') {
    throw new TypeError(`cookiesOf(): environ must be an object, got ${String(environ)}`)
  }
  const cached = parsed.get(environ)
  if (cached !== undefined) return cached
  const header = environ.HTTP_COOKIE
  const cookies = (typeof header === 'string' ? parse(header) : Object.create(null)) as Record<string, string>
  parsed.set(environ, cookies)
  return cookies
}
