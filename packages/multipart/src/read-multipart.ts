import { type MultipartLimits, resolveLimits } from './limits.js'
import type { Part } from './part.js'
import { checkEnviron, type MultipartEnviron, parts } from './parts.js'

/** A file {@link readMultipart} kept in memory, when no `onFile` is given. */
export interface UploadedFile {
  /** The client's file name: a label, never a path. */
  filename: string
  /** The part's content type (`application/octet-stream` when the client sent none). */
  contentType: string
  /** The content. */
  bytes: Uint8Array
}

/** What {@link readMultipart} resolves to. */
export interface MultipartForm<F = UploadedFile> {
  /** The fields by name, each with its values in order: the shape of `parseQs` and `readForm` (null prototype). */
  fields: Record<string, string[]>
  /** What `onFile` returned for each file, by field name (null prototype). */
  files: Record<string, F[]>
}

/** Options of {@link readMultipart}: the {@link MultipartLimits}, blank values, and what to do with files. */
export interface ReadMultipartOptions<F = UploadedFile> extends MultipartLimits {
  /**
   * Whether fields with an empty value are kept (as `['']`), as `parseQs`'s option of that name;
   * by default they are dropped, as `readForm` drops them, so both encodings give one answer.
   * @default false
   */
  keepBlankValues?: boolean
  /**
   * Receives each file part in order; the next part is parsed once its promise settles. Stream
   * the content where it goes (`for await (const chunk of file)`), or leave it to be skipped;
   * what it returns is stored in `files`.
   * @default (file) => file.bytes() into an {@link UploadedFile}, bounded by `fileSize` × `files`
   */
  onFile?: (file: Part) => F | Promise<F>
}

type AnyForm = Promise<MultipartForm<unknown>>
/** `tsgi.input` has a single consumer (spec §3.1): a second call on an environ gets the first result. */
const forms = new WeakMap<object, AnyForm>()

/**
 * Reads a whole `multipart/form-data` body: fields into a `parseQs`-shaped record (the answer
 * `readForm` gives for a urlencoded body, so one handler serves both encodings), files to
 * `onFile` one at a time. Every rule and limit of {@link parts} applies; the read happens once per
 * environ, and later calls return the first call's promise.
 *
 * @throws {TypeError} / {RangeError} at once for a bad `environ` or option.
 * @throws {HTTPError} as a rejection: 415, 400 or 413 as {@link parts} says, and whatever `onFile` throws.
 * @example
 * const { fields, files } = await readMultipart(environ, {
 *   onFile: async (file) => ({ name: file.filename, size: (await file.bytes()).length }),
 * })
 */
export function readMultipart<F = UploadedFile>(
  environ: MultipartEnviron,
  options: ReadMultipartOptions<F> = {},
): Promise<MultipartForm<F>> {
  const cached = environ !== null && typeof environ === 'object' ? forms.get(environ) : undefined
  if (cached !== undefined) return cached as Promise<MultipartForm<F>>
  checkEnviron('readMultipart()', environ)
  resolveLimits('readMultipart()', options)
  if (options.onFile !== undefined && typeof options.onFile !== 'function') {
    throw new TypeError('readMultipart(): options.onFile must be a function')
  }
  const form = read(environ, options)
  forms.set(environ, form)
  return form
}

async function read<F>(environ: MultipartEnviron, options: ReadMultipartOptions<F>): Promise<MultipartForm<F>> {
  const onFile = options.onFile ?? (keepInMemory as unknown as (file: Part) => Promise<F>)
  const fields: Record<string, string[]> = Object.create(null)
  const files: Record<string, F[]> = Object.create(null)
  for await (const part of parts(environ, options)) {
    if (part.filename !== undefined) {
      const file = await onFile(part)
      ;(files[part.name] ??= []).push(file)
      continue
    }
    const value = await part.text()
    if (value === '' && !options.keepBlankValues) continue
    ;(fields[part.name] ??= []).push(value)
  }
  return { fields, files }
}

async function keepInMemory(file: Part): Promise<UploadedFile> {
  return { filename: file.filename ?? '', contentType: file.contentType, bytes: await file.bytes() }
}
