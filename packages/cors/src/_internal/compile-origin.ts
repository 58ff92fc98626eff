import { describeValue, type Environ } from '@tsgi/core'
import type { OriginOption } from '../origin-option.js'

/** The origin rule, compiled once: what to send as `Access-Control-Allow-Origin`, if anything. */
export interface OriginRule {
  /** The value for `Access-Control-Allow-Origin`, or `undefined` to send no CORS headers. */
  match(origin: string | undefined, environ: Environ): string | undefined
  /** Whether the answer depends on the request's `Origin` (then `Vary: Origin` is sent). */
  varies: boolean
}

// RFC 6454 §6.2: the serialization of an origin is scheme "://" host [":" port], no path, no
// userinfo. Browsers send exactly that (or "null"); a configured origin must have that form too,
// so `https://app.example/` (a trailing slash, the most common mistake) fails at build time.
const SERIALIZED_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@\s]+$/

/**
 * Compiles the `origin` option. Strings compare exactly (never as a prefix: `http://127.0.0.1`
 * must not allow `http://127.0.0.1.evil.example`); a list is a `Set`; a RegExp must not be
 * global or sticky, whose `lastIndex` would make every other test fail.
 */
export function compileOrigin(option: OriginOption, credentials: boolean): OriginRule {
  if (option === '*') {
    // With credentials, `*` is refused by browsers: echo the request's origin instead.
    return credentials ? { match: (origin) => origin, varies: true } : { match: () => '*', varies: false }
  }
  if (typeof option === 'string' || Array.isArray(option)) {
    const list: readonly unknown[] = typeof option === 'string' ? [option] : option
    for (const item of list) {
      if (typeof item !== 'string' || !SERIALIZED_ORIGIN.test(item)) {
        throw new TypeError(
          `cors(): options.origin must be '*' or origins like 'https://app.example' (no path, no trailing slash), got ${describeValue(item)}`,
        )
      }
    }
    const allowed = new Set(list as string[])
    return { match: (origin) => (origin !== undefined && allowed.has(origin) ? origin : undefined), varies: true }
  }
  if (option instanceof RegExp) {
    if (option.global || option.sticky) {
      throw new TypeError(`cors(): options.origin must not be a global or sticky RegExp, got ${option}`)
    }
    return { match: (origin) => (origin !== undefined && option.test(origin) ? origin : undefined), varies: true }
  }
  if (typeof option === 'function') {
    return {
      match: (origin, environ) => (origin !== undefined && option(origin, environ) === true ? origin : undefined),
      varies: true,
    }
  }
  throw new TypeError(
    `cors(): options.origin must be a string, an array of strings, a RegExp or a function, got ${describeValue(option)}`,
  )
}
