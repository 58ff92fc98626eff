import { type App, type Body, describeValue, type Environ, negotiate, transform } from '@tsgi/core'
import { detectCodecs, type Levels } from './_internal/codecs.js'
import { Exchange, type Settings } from './_internal/exchange.js'
import { plainHeaders } from './_internal/plan.js'
import { compressible } from './compressible.js'

/** A content coding `compress()` can produce (RFC 9110 §8.4.1). */
export type Encoding = 'zstd' | 'br' | 'gzip' | 'deflate'

/** Options of {@link compress}. */
export interface CompressOptions {
  /**
   * The encodings to offer, most preferred first; the client's q-values decide, this order breaks
   * ties. Each is used only where the runtime has it: `node:zlib` has gzip, deflate and br, and zstd
   * from Node 22.15; `CompressionStream` alone has gzip and deflate (whole bodies only).
   * @default ['zstd', 'br', 'gzip', 'deflate']
   */
  encodings?: readonly Encoding[]
  /**
   * Bytes under which a body whose length is known (an array body, or a `Content-Length`) is sent
   * as is: compressing it costs more than it saves. A streamed body of unknown length is always
   * compressed.
   * @default 1024
   */
  threshold?: number
  /**
   * Compression level per encoding: gzip and deflate 0–9, br 0–11, zstd 1–22.
   * @default { gzip: 6, deflate: 6, br: 4, zstd: 3 } (zlib's and zstd's defaults; br's 11 is
   * far too slow for responses made per request)
   */
  level?: Partial<Record<Encoding, number>>
  /**
   * Whether a response of this `Content-Type` (`undefined` when it has none) should be compressed.
   * @default compressible (text, JSON, JavaScript, XML, SVG, event streams; not images, video, archives)
   */
  filter?: (contentType: string | undefined) => boolean
}

const ENCODINGS: readonly Encoding[] = ['zstd', 'br', 'gzip', 'deflate']
const LEVELS: Readonly<Record<Encoding, readonly [min: number, max: number, fallback: number]>> = {
  zstd: [1, 22, 3],
  br: [0, 11, 4],
  gzip: [0, 9, 6],
  deflate: [0, 9, 6],
}
// Distinct Accept-Encoding values are few (one per browser version); the cache of their outcome
// is cleared when it grows past this, so a client sending random values cannot grow it.
const CACHE_LIMIT = 256

/**
 * Compresses responses the client accepts compressed (RFC 9110 §8.4, §12.5.3), without ever holding
 * a stream back: each chunk of a streamed body is compressed and flushed before the next is pulled,
 * so an event stream arrives event by event. An array body is compressed in one go and keeps a
 * `Content-Length`. Every response gains `Vary: Accept-Encoding`.
 *
 * Left alone: HEAD, 204, 304, 206 and any `Content-Range`, a response with a `Content-Encoding`,
 * `Cache-Control: no-transform`, a type `filter` refuses, and a body under `threshold` whose length
 * is known. A request without `Accept-Encoding` gets identity. When the client refuses identity
 * and accepts no offered encoding, the response is sent as is, not as a 406: the app has already
 * produced it, and RFC 9110 §12.5.3 allows either.
 *
 * A request whose `Accept-Encoding` lists more than 64 entries makes the app throw a
 * `RequestHeaderFieldsTooLarge` (431) from core, for `exceptionMiddleware` (outside) to render.
 *
 * @throws {TypeError} if `app` is not a function or an option has the wrong type.
 * @throws {RangeError} if `threshold` or a level is out of range.
 * @example
 * const app = compose(exceptionMiddleware, (inner) => compress(inner, { threshold: 512 }))(routes)
 */
export function compress(app: App, options: CompressOptions = {}): App {
  if (typeof app !== 'function') throw new TypeError(`compress(): app must be a function, got ${describeValue(app)}`)
  const settings = resolve(options)
  const offers: string[] = settings.encodings.filter((name) => settings.codecs.available.has(name))
  offers.push('identity')
  const chosen = new Map<string, Encoding | null>()
  const choose = (header: string | undefined): Encoding | null => {
    if (header === undefined || offers.length === 1) return null
    let encoding = chosen.get(header)
    if (encoding === undefined) {
      // Nothing acceptable, identity refused included: identity anyway (see above).
      const picked = negotiate('accept-encoding', header, offers)
      encoding = picked === undefined || picked === 'identity' ? null : (picked as Encoding)
      if (chosen.size === CACHE_LIMIT) chosen.clear()
      chosen.set(header, encoding)
    }
    return encoding
  }
  // Nothing to compress for this request: the body passes untouched (an array stays an array).
  const varyOnly = transform(app, { start: (status, headers) => [status, plainHeaders(headers)] })

  return function compress(environ: Environ, startResponse) {
    const encoding = environ.REQUEST_METHOD === 'HEAD' ? null : choose(environ.HTTP_ACCEPT_ENCODING)
    if (encoding === null) return varyOnly(environ, startResponse)
    const exchange = new Exchange(settings, encoding, startResponse)
    const result = app(environ, exchange.startResponse)
    return isPromise(result)
      ? Promise.resolve(result).then((body) => exchange.finish(body, environ))
      : exchange.finish(result, environ)
  }
}

function resolve(options: CompressOptions): Settings & { encodings: readonly Encoding[] } {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`compress(): options must be an object, got ${describeValue(options)}`)
  }
  const { encodings = ENCODINGS, threshold = 1024, level = {}, filter = compressible } = options
  if (!Array.isArray(encodings)) {
    throw new TypeError(`compress(): encodings must be an array, got ${describeValue(encodings)}`)
  }
  const unknown = encodings.find((name) => !ENCODINGS.includes(name))
  if (unknown !== undefined) {
    throw new TypeError(`compress(): encodings may list ${ENCODINGS.join(', ')}, got ${describeValue(unknown)}`)
  }
  if (!Number.isSafeInteger(threshold) || threshold < 0) {
    throw new RangeError(`compress(): threshold must be a non-negative integer, got ${describeValue(threshold)}`)
  }
  if (typeof filter !== 'function') {
    throw new TypeError(`compress(): filter must be a function, got ${describeValue(filter)}`)
  }
  return { encodings, threshold, filter, codecs: detectCodecs(resolveLevels(level)) }
}

function resolveLevels(level: Partial<Record<Encoding, number>>): Levels {
  if (level === null || typeof level !== 'object') {
    throw new TypeError(`compress(): level must be an object, got ${describeValue(level)}`)
  }
  const levels = {} as Record<Encoding, number>
  for (const name of Object.keys(level)) {
    if (!ENCODINGS.includes(name as Encoding)) {
      throw new TypeError(`compress(): level has an unknown encoding ${describeValue(name)}`)
    }
  }
  for (const name of ENCODINGS) {
    const [min, max, fallback] = LEVELS[name]
    const value = level[name] ?? fallback
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(
        `compress(): level.${name} must be an integer from ${min} to ${max}, got ${describeValue(value)}`,
      )
    }
    levels[name] = value
  }
  return levels
}

function isPromise(value: unknown): value is Promise<Body> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}
