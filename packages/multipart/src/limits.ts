import { describeValue, PayloadTooLarge } from '@tsgi/core'

/**
 * The limits of a multipart read. Each one fails the read with a 413 {@link MultipartLimitError}
 * naming it; none truncates. Counts include parts that are skipped, since their bytes are still
 * read. The server's own body limit (`@tsgi/node`'s `maxBodySize`) applies on top, as its 413.
 */
export interface MultipartLimits {
  /**
   * The most bytes in one file part.
   * @default 10485760 (10 MiB)
   */
  fileSize?: number
  /**
   * The most file parts (parts with a `filename`).
   * @default 10
   */
  files?: number
  /**
   * The most field parts (parts without a `filename`), as `readForm`'s `maxNumFields`.
   * @default 1000
   */
  fields?: number
  /**
   * The most bytes in one field part's value.
   * @default 1048576 (1 MiB)
   */
  fieldSize?: number
  /**
   * The most parts of either kind.
   * @default fields + files
   */
  parts?: number
  /**
   * The most bytes in one part's header section, its final blank line included.
   * @default 8192 (8 KiB)
   */
  headerSize?: number
  /**
   * The most header fields in one part (a browser sends two).
   * @default 32
   */
  headerPairs?: number
}

/** The name of one of the {@link MultipartLimits}. */
export type MultipartLimit = keyof MultipartLimits

/** {@link MultipartLimits} with every default applied. */
export type ResolvedLimits = Required<MultipartLimits>

const DEFAULTS: Omit<ResolvedLimits, 'parts'> = {
  fileSize: 10 * 1024 * 1024,
  files: 10,
  fields: 1000,
  fieldSize: 1024 * 1024,
  headerSize: 8 * 1024,
  headerPairs: 32,
}

const NAMES: readonly MultipartLimit[] = [
  'fileSize',
  'files',
  'fields',
  'fieldSize',
  'parts',
  'headerSize',
  'headerPairs',
]

/**
 * A limit of {@link MultipartLimits} was exceeded: a 413 whose `limit` names which one, so an app
 * can say "the file is too large" rather than "the request is too large".
 *
 * @example
 * if (error instanceof MultipartLimitError && error.limit === 'fileSize') console.log('too big')
 */
export class MultipartLimitError extends PayloadTooLarge {
  override name = 'MultipartLimitError'
  /** The limit that was exceeded, e.g. `'fileSize'`. */
  readonly limit: MultipartLimit
  /** Its value in this read. */
  readonly value: number
  constructor(limit: MultipartLimit, value: number, what: string) {
    super(`${what} (the ${limit} limit is ${value})`)
    this.limit = limit
    this.value = value
  }
}

/**
 * Applies the defaults and checks each limit: a non-negative integer or `Infinity`.
 * @throws {TypeError} / {RangeError} naming `caller` and the limit.
 */
export function resolveLimits(caller: string, limits: MultipartLimits | undefined): ResolvedLimits {
  if (limits === undefined) return { ...DEFAULTS, parts: DEFAULTS.fields + DEFAULTS.files }
  if (limits === null || typeof limits !== 'object') {
    throw new TypeError(`${caller}: limits must be an object, got ${describeValue(limits)}`)
  }
  for (const name of NAMES) {
    const value = limits[name]
    if (value === undefined) continue
    if (typeof value !== 'number') {
      throw new TypeError(`${caller}: ${name} must be a number, got ${describeValue(value)}`)
    }
    if (!(value >= 0) || !(Number.isSafeInteger(value) || value === Number.POSITIVE_INFINITY)) {
      throw new RangeError(`${caller}: ${name} must be a non-negative integer or Infinity, got ${describeValue(value)}`)
    }
  }
  const resolved = { ...DEFAULTS, ...definedOnly(limits) }
  return { ...resolved, parts: limits.parts ?? resolved.fields + resolved.files }
}

function definedOnly(limits: MultipartLimits): MultipartLimits {
  const out: MultipartLimits = {}
  for (const name of NAMES) if (limits[name] !== undefined) out[name] = limits[name]
  return out
}
