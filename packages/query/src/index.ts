/**
 * @module
 * Query strings and form bodies with the answers of Python's `urllib.parse` (3.11): `parseQs`,
 * `parseQsl`, `urlencode`, `quotePlus`, `unquotePlus`; and, for tsgi apps, `queryOf(environ)`
 * (parsed once per request, limited by default) and `readForm(environ)`.
 *
 * @example
 * import { parseQs, queryOf, readForm } from '@tsgi/query'
 */

// One export line per source file, sorted by file name (Biome's organizer keeps them so).
export { type ParseQsOptions, parseQs } from './parse-qs.js'
export { parseQsl } from './parse-qsl.js'
export { QueryError } from './query-error.js'
export { DEFAULT_MAX_NUM_FIELDS, queryOf } from './query-of.js'
export { quotePlus } from './quote-plus.js'
export { type ReadFormOptions, readForm } from './read-form.js'
export { unquotePlus } from './unquote-plus.js'
export { type UrlencodeData, type UrlencodeOptions, urlencode } from './urlencode.js'
