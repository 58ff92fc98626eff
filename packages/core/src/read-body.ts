import { describe } from './_internal/describe.js'
import { concatBytes } from './concat-bytes.js'
import { PayloadTooLarge } from './errors.js'
import type { Environ } from './types.js'

/** Options for {@link readBody}. */
export interface ReadBodyOptions {
  /**
   * The most bytes to accept; more is a 413 {@link PayloadTooLarge}, and nothing past the limit
   * is read.
   * @default 1048576 (1 MiB)
   */
  limit?: number
}

/** The default of {@link ReadBodyOptions.limit}: 1 MiB. */
export const DEFAULT_BODY_LIMIT: number = 1024 * 1024

/**
 * Reads the whole request body from `tsgi.input` into one `Uint8Array` (spec §3.2). A declared
 * `CONTENT_LENGTH` over the limit fails before anything is read; a body that grows past it stops
 * the read at once. A truncated or malformed body rejects, as the input does.
 *
 * @throws {PayloadTooLarge} (413) when the body is over `limit`.
 * @throws {TypeError} / {RangeError} for a bad `environ` or `limit`.
 * @example
 * const json = JSON.parse(new TextDecoder().decode(await readBody(environ, { limit: 64 * 1024 })))
 */
export async function readBody(
  environ: Pick<Environ, 'tsgi.input' | 'CONTENT_LENGTH'>,
  options: ReadBodyOptions = {},
): Promise<Uint8Array> {
  if (environ === null || typeof environ !== 'object') {
    throw new TypeError(`readBody(): environ must be an environ object, got ${describe(environ)}`)
  }
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`readBody(): options must be an object, got ${describe(options)}`)
  }
  const input = environ['tsgi.input']
  if (input === null || typeof input !== 'object' || typeof input[Symbol.asyncIterator] !== 'function') {
    throw new TypeError(`readBody(): environ['tsgi.input'] must be an async iterable, got ${describe(input)}`)
  }
  const limit = options.limit ?? DEFAULT_BODY_LIMIT
  if (typeof limit !== 'number' || !(limit >= 0) || !Number.isSafeInteger(limit)) {
    throw new RangeError(`readBody(): options.limit must be a non-negative integer, got ${describe(limit)}`)
  }
  const declared = environ.CONTENT_LENGTH ? Number(environ.CONTENT_LENGTH) : undefined
  if (declared !== undefined && declared > limit) throw bodyTooLarge(limit)
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of input) {
    size += chunk.length
    if (size > limit) throw bodyTooLarge(limit) // leaving the loop stops the read (spec §3.1)
    chunks.push(chunk)
  }
  return concatBytes(chunks)
}

/**
 * The 413 for a request body over `limit` bytes, in the one wording every server, `readBody` and
 * the body parsers use (spec §3.2, §6.4).
 *
 * @example
 * if (received > limit) throw bodyTooLarge(limit) // 413: The request body is larger than 1024 bytes
 */
export function bodyTooLarge(limit: number): PayloadTooLarge {
  return new PayloadTooLarge(`The request body is larger than ${limit} bytes`)
}
