import type { Environ } from '@tsgi/core'
import { parseFields, resolveOptions } from './_internal/parse.js'
import type { ParseQsOptions } from './parse-qs.js'

/** The parsed query of each environ, so that every layer that asks parses it once (DESIGN: per-request caches). */
const queries = new WeakMap<object, Record<string, string[]>>()

/** The limit {@link queryOf} puts on fields unless told otherwise. */
export const DEFAULT_MAX_NUM_FIELDS = 1000

/**
 * The request's query, `parseQs(environ.QUERY_STRING)`, parsed once per environ and shared by
 * every caller (cached in a `WeakMap` keyed by the environ, so the environ keeps its shape). The
 * first call's options decide the parse; later calls get the same object, which callers must
 * treat as read-only. Unlike `parseQs`, fields are limited by default: more than 1000 is a 400.
 *
 * @default options.maxNumFields 1000 (pass `Infinity` for none)
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
  const dict: Record<string, string[]> = Object.create(null)
  parseFields(qs, resolveOptions(options, 'queryOf()', DEFAULT_MAX_NUM_FIELDS), dict, undefined)
  queries.set(environ, dict)
  return dict
}
