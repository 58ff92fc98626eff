import type { Environ } from '@tsgi/core'
import { parseDict, resolveOptions } from './_internal/parse.js'
import type { ParseQsOptions } from './parse-qs.js'

/** The parsed query of each environ, so every layer that asks parses it once (spec §7.4: caches in a WeakMap, not environ keys). */
const queries = new WeakMap<object, Record<string, string[]>>()

/**
 * The limit {@link queryOf} and `readForm` put on fields unless told otherwise: 1000, as
 * `node:querystring`'s `maxKeys` and qs's `parameterLimit` (which drop the rest silently; here it is an error).
 *
 * @example
 * queryOf(environ, { maxNumFields: 4 * DEFAULT_MAX_NUM_FIELDS })
 */
export const DEFAULT_MAX_NUM_FIELDS: number = 1000

// Resolved once: a call without options (nearly every call) must not validate and allocate per request.
const DEFAULT_OPTIONS = resolveOptions({}, 'queryOf()', DEFAULT_MAX_NUM_FIELDS)

/**
 * The request's query, `parseQs(environ.QUERY_STRING)`, parsed once per environ and shared by
 * every caller (cached in a `WeakMap` keyed by the environ, so the environ keeps its shape). The
 * first call's options decide the parse; later calls get the same object, which callers must
 * treat as read-only. Unlike `parseQs`, fields are limited by default: more than 1000 is a 400
 * (`maxNumFields`; pass `Infinity` for no limit).
 *
 * @throws {QueryError} (400) for too many fields, or a bad field under `strictParsing`; nothing is cached then.
 * @throws {TypeError} / {RangeError} for a bad environ or option.
 * @example
 * const subject = queryOf(environ).subject?.[0] ?? 'World'
 */
export function queryOf(
  environ: Pick<Environ, 'QUERY_STRING'>,
  options?: ParseQsOptions,
): Readonly<Record<string, readonly string[]>> {
  const cached = queries.get(environ)
  if (cached !== undefined) return cached
  const qs = environ?.QUERY_STRING
  if (typeof qs !== 'string') {
    throw new TypeError(
      `queryOf(): environ.QUERY_STRING must be a string, got ${environ == null ? String(environ) : typeof qs}`,
    )
  }
  const resolved =
    options === undefined ? DEFAULT_OPTIONS : resolveOptions(options, 'queryOf()', DEFAULT_MAX_NUM_FIELDS)
  const dict = parseDict(qs, resolved)
  queries.set(environ, dict)
  return dict
}
