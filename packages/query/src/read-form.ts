import { type Environ, PayloadTooLarge, parseContentType, readBody, UnsupportedMediaType } from '@tsgi/core'
import { checkFieldCount, parseDict, resolveOptions } from './_internal/parse.js'
import type { ParseQsOptions } from './parse-qs.js'
import { DEFAULT_MAX_NUM_FIELDS } from './query-of.js'

/** Options of {@link readForm}: {@link ParseQsOptions} (with a field limit by default) and a byte limit. */
export interface ReadFormOptions extends ParseQsOptions {
  /**
   * The most body bytes to read; more is a 413 and nothing past the limit is read.
   * @default 1048576 (1 MiB)
   */
  limit?: number
  /**
   * The most fields to accept, counted as Python counts them; more is a 413.
   * @default 1000
   */
  maxNumFields?: number
}

type FormEnviron = Pick<Environ, 'tsgi.input' | 'CONTENT_LENGTH' | 'CONTENT_TYPE'>

/** The form of each environ: `tsgi.input` has a single consumer (spec §3.1), so a second call gets the first result (spec §7.4). */
const forms = new WeakMap<object, Promise<Record<string, string[]>>>()

const MEDIA_TYPE = 'application/x-www-form-urlencoded'
// The WHATWG Encoding Standard's labels for UTF-8, the only charset a form body may declare here.
const UTF8_LABELS = new Set(['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'])
// Raw bytes decode as UTF-8 with U+FFFD, keeping a leading BOM (WHATWG's urlencoded parser does not strip it).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

/**
 * Reads an `application/x-www-form-urlencoded` body from `tsgi.input` and parses it with
 * {@link parseQs}'s rules (the answers of Python's `parse_qs`). The content type is checked
 * before anything is read; a `charset` parameter must name UTF-8. The body is read once per
 * environ: later calls return the first call's promise (and its options' result).
 *
 * @throws {UnsupportedMediaType} (415) for any other content type or charset (as a rejection, like the rest).
 * @throws {PayloadTooLarge} (413) for a body over `limit` bytes or with more than `maxNumFields` fields.
 * @throws {QueryError} (400) for a bad field under `strictParsing`.
 * @example
 * const { name = [''] } = await readForm(environ, { limit: 64 * 1024 })
 */
export function readForm(environ: FormEnviron, options?: ReadFormOptions): Promise<Record<string, string[]>> {
  let form = environ !== null && typeof environ === 'object' ? forms.get(environ) : undefined
  if (form === undefined) {
    form = read(environ, options)
    if (environ !== null && typeof environ === 'object') forms.set(environ, form)
  }
  return form
}

async function read(environ: FormEnviron, options: ReadFormOptions = {}): Promise<Record<string, string[]>> {
  if (environ === null || typeof environ !== 'object') {
    throw new TypeError(`readForm(): environ must be an object, got ${environ === null ? 'null' : typeof environ}`)
  }
  const o = resolveOptions(options, 'readForm()', DEFAULT_MAX_NUM_FIELDS)
  checkContentType(environ.CONTENT_TYPE)
  const body = await readBody(environ, options.limit === undefined ? {} : { limit: options.limit })
  const text = decoder.decode(body)
  checkFieldCount(text, o.separator, o.max, () => new PayloadTooLarge(`The form has more than ${o.max} fields`))
  return parseDict(text, { ...o, max: Number.POSITIVE_INFINITY })
}

/**
 * `application/x-www-form-urlencoded`, optionally with `charset=` a UTF-8 label, parsed by core's
 * `parseContentType` (RFC 9110 §8.3.1), so a quoted `;` is never a separator. A malformed field
 * value (an unterminated quote, a parameter without `=`, a repeated name) names no type this
 * reader supports: 415 as well.
 */
function checkContentType(contentType: string | undefined): void {
  const parsed = parseContentType(contentType ?? '')
  if (parsed?.type !== MEDIA_TYPE) {
    const got = contentType ? (parsed?.type ?? `a malformed content type`) : 'no content type'
    throw new UnsupportedMediaType(`Expected a ${MEDIA_TYPE} body, got ${got}`)
  }
  const charset = parsed.parameters.charset
  if (charset !== undefined && !UTF8_LABELS.has(charset.toLowerCase())) {
    throw new UnsupportedMediaType(`Expected a UTF-8 form body, got charset=${charset}`)
  }
}
