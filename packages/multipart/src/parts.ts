import { BadRequest, describeValue, type Environ, parseContentType, UnsupportedMediaType } from '@tsgi/core'
import { MultipartReader } from './_internal/multipart-reader.js'
import { type MultipartLimits, type ResolvedLimits, resolveLimits } from './limits.js'
import { type Part, ReaderPart } from './part.js'

/** The environ keys a multipart read uses. */
export type MultipartEnviron = Pick<Environ, 'tsgi.input' | 'CONTENT_TYPE'>

// RFC 2046 §5.1.1: boundary := 0*69<bchars> bcharsnospace, bchars without CR or LF, which the
// delimiter search relies on.
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/

/**
 * Reads a `multipart/form-data` body (RFC 7578) from `tsgi.input`, one part at a time. The next
 * part is parsed only when asked for, after the current one's content was read or skipped, so a
 * slow consumer slows the upload and memory stays bounded whatever the size of the files. The
 * delimiter search is linear in the body (no input makes it slower per byte).
 *
 * Everything is checked as the body arrives, and the first problem ends the read at once (the
 * input is closed) and rejects the iteration: a wrong content type is a 415; a missing or bad
 * boundary, a malformed delimiter or header, a part without `Content-Disposition` or a body that
 * ends before its final boundary is a 400; a limit exceeded is a 413 {@link MultipartLimitError}
 * naming it. Leaving the loop early closes the input too.
 *
 * @param limits See {@link MultipartLimits} for each default.
 * @throws {TypeError} / {RangeError} at once for a bad `environ` or limit.
 * @example
 * for await (const part of parts(environ, { fileSize: 100 * 1024 * 1024 })) {
 *   if (part.filename === undefined) console.log(part.name, await part.text())
 *   else for await (const chunk of part) await upload.write(chunk) // backpressure: one chunk at a time
 * }
 */
export function parts(environ: MultipartEnviron, limits?: MultipartLimits): AsyncIterable<Part> {
  const resolved = resolveLimits('parts()', limits)
  checkEnviron('parts()', environ)
  return { [Symbol.asyncIterator]: () => readParts(environ, resolved) }
}

/**
 * The iterator of {@link parts}: a hand-written one rather than an async generator, which costs
 * several promise turns per part. Ending it (`return()`) or a failure closes the input.
 */
function readParts(environ: MultipartEnviron, limits: ResolvedLimits): AsyncIterator<Part> {
  let reader: MultipartReader | undefined
  const done = async (): Promise<IteratorResult<Part>> => {
    await reader?.close()
    return { done: true, value: undefined }
  }
  return {
    async next() {
      if (reader === undefined) {
        const boundary = boundaryOf(environ.CONTENT_TYPE) // before the input is opened: a 415 reads nothing
        reader = new MultipartReader(environ['tsgi.input'][Symbol.asyncIterator](), boundary, limits)
      }
      const part = new ReaderPart(reader)
      const head = await reader.nextPart(part)
      return head === undefined ? done() : { done: false, value: part.open(head) }
    },
    return: done,
  }
}

/** The boundary of a `multipart/form-data` content type; 415 for another type, 400 for a bad boundary. */
export function boundaryOf(contentType: string | undefined): string {
  const parsed = parseContentType(contentType ?? '')
  if (parsed?.type !== 'multipart/form-data') {
    const got = contentType ? (parsed?.type ?? 'a malformed content type') : 'no content type'
    throw new UnsupportedMediaType(`Expected a multipart/form-data body, got ${got}`)
  }
  const boundary = parsed.parameters.boundary
  if (boundary === undefined) throw new BadRequest('The multipart/form-data content type has no boundary')
  if (!BOUNDARY.test(boundary)) throw new BadRequest('The multipart/form-data boundary is not valid (RFC 2046 §5.1.1)')
  return boundary
}

/** @throws {TypeError} naming `caller` when `environ` has no iterable `tsgi.input`. */
export function checkEnviron(caller: string, environ: MultipartEnviron): void {
  if (environ === null || typeof environ !== 'object') {
    throw new TypeError(`${caller}: environ must be an environ object, got ${describeValue(environ)}`)
  }
  const input = environ['tsgi.input']
  if (input === null || typeof input !== 'object' || typeof input[Symbol.asyncIterator] !== 'function') {
    throw new TypeError(`${caller}: environ['tsgi.input'] must be an async iterable, got ${describeValue(input)}`)
  }
}
