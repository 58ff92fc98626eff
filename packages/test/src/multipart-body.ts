import { concatBytes, describeValue } from '@tsgi/core'

/** One entry of {@link multipartBody}: a field (`[name, value]` or without `filename`) or a file. */
export type MultipartEntry =
  | readonly [name: string, value: string]
  | {
      /** The field name. */
      name: string
      /** The content: a string is sent as UTF-8. */
      value: string | Uint8Array
      /** Makes the entry a file, as a browser sends an `<input type=file>`. @default undefined (a field) */
      filename?: string
      /** The part's `Content-Type`. @default 'application/octet-stream' for a file, none for a field */
      contentType?: string
    }

/** What {@link multipartBody} returns: spread it into `request()`'s init. */
export interface MultipartBody {
  /** The encoded body. */
  body: Uint8Array
  /** `{ 'content-type': contentType }`, so `{ method: 'POST', ...multipartBody(entries) }` is a whole request. */
  headers: { 'content-type': string }
  /** `multipart/form-data; boundary=…`. */
  contentType: string
  /** The boundary used. */
  boundary: string
}

/** Options of {@link multipartBody}. */
export interface MultipartBodyOptions {
  /**
   * The boundary (RFC 2046 §5.1.1: 1 to 70 characters); it must not occur in any value.
   * @default a random `----tsgi` boundary, as browsers make one
   */
  boundary?: string
}

const encoder = new TextEncoder()
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/

/**
 * Encodes fields and files as `multipart/form-data` (RFC 7578) the way a browser does: CRLF
 * lines, names and file names quoted with `"`, CR and LF escaped as `%22`, `%0D` and `%0A` (the
 * WHATWG form encoding), files labelled `application/octet-stream` unless told otherwise.
 *
 * @throws {TypeError} for an entry that is not a `[name, value]` pair or an entry object.
 * @throws {RangeError} for a `boundary` that is not valid or occurs in a value.
 * @example
 * const response = await request(app, 'POST /upload', {
 *   ...multipartBody([['title', 'Holiday'], { name: 'photo', filename: 'a.jpg', value: bytes, contentType: 'image/jpeg' }]),
 * })
 */
export function multipartBody(entries: readonly MultipartEntry[], options: MultipartBodyOptions = {}): MultipartBody {
  if (!Array.isArray(entries)) {
    throw new TypeError(`multipartBody(): entries must be an array, got ${describeValue(entries)}`)
  }
  const parts = entries.map(encodeEntry)
  const boundary = options.boundary ?? randomBoundary()
  if (typeof boundary !== 'string' || !BOUNDARY.test(boundary)) {
    throw new RangeError(`multipartBody(): options.boundary is not a valid boundary, got ${describeValue(boundary)}`)
  }
  const delimiter = encoder.encode(`--${boundary}`)
  if (parts.some(([, content]) => contains(content, delimiter))) {
    throw new RangeError(`multipartBody(): the boundary ${JSON.stringify(boundary)} occurs in a value`)
  }
  const pieces: Uint8Array[] = []
  for (const [head, content] of parts) pieces.push(encoder.encode(`--${boundary}\r\n${head}\r\n`), content, CRLF)
  pieces.push(encoder.encode(`--${boundary}--\r\n`))
  const body = concatBytes(pieces)
  const contentType = `multipart/form-data; boundary=${boundary}`
  return { body, headers: { 'content-type': contentType }, contentType, boundary }
}

const CRLF = encoder.encode('\r\n')

function encodeEntry(entry: MultipartEntry, index: number): [head: string, content: Uint8Array] {
  const { name, value, filename, contentType } = Array.isArray(entry)
    ? { name: entry[0], value: entry[1], filename: undefined, contentType: undefined }
    : entry !== null && typeof entry === 'object'
      ? (entry as Exclude<MultipartEntry, readonly [string, string]>)
      : { name: undefined, value: undefined, filename: undefined, contentType: undefined }
  if (typeof name !== 'string' || !(typeof value === 'string' || value instanceof Uint8Array)) {
    throw new TypeError(
      `multipartBody(): entries[${index}] must be [name, value] or { name, value, filename?, contentType? }, got ${describeValue(entry)}`,
    )
  }
  let head = `Content-Disposition: form-data; name="${escapeName(name)}"`
  if (filename !== undefined) head += `; filename="${escapeName(filename)}"`
  const type = contentType ?? (filename === undefined ? undefined : 'application/octet-stream')
  if (type !== undefined) head += `\r\nContent-Type: ${type}`
  return [`${head}\r\n`, typeof value === 'string' ? encoder.encode(value) : value]
}

function escapeName(text: string): string {
  return text.replace(/["\r\n]/g, (c) => (c === '"' ? '%22' : c === '\r' ? '%0D' : '%0A'))
}

function randomBoundary(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return `----tsgi${Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('')}`
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0]!
  for (
    let i = haystack.indexOf(first);
    i !== -1 && i <= haystack.length - needle.length;
    i = haystack.indexOf(first, i + 1)
  ) {
    let j = 1
    while (j < needle.length && haystack[i + j] === needle[j]) j++
    if (j === needle.length) return true
  }
  return false
}
