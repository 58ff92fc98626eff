import type { MultipartForm, ReadMultipartOptions } from './read-multipart.js'
import { readMultipart } from './read-multipart.js'

/** A file {@link withTempFiles} wrote to disk. */
export interface TempFile {
  /** The client's file name: a label only; the file on disk has a name of its own. */
  filename: string
  /** The part's content type. */
  contentType: string
  /** The bytes written. */
  size: number
  /** Where the content is, inside a directory made for this request and removed afterwards. */
  path: string
}

/** Options of {@link withTempFiles}: those of {@link readMultipart} but `onFile`, and where to write. */
export interface TempFilesOptions extends Omit<ReadMultipartOptions, 'onFile'> {
  /**
   * The directory in which a fresh, private directory is made for this request's files.
   * @default os.tmpdir()
   */
  directory?: string
}

/**
 * Reads a `multipart/form-data` body as {@link readMultipart} does, streaming each file to a temp
 * file (one chunk at a time: backpressure onto the upload), then calls `use` with the form. The
 * files live in a directory made for this call (`mkdtemp`, mode 0700) under names of their own,
 * never the client's, and the directory is removed when `use` settles, or at once if the read
 * fails: on every path. Node.js only (it imports `node:fs` when called).
 *
 * @throws {HTTPError} as a rejection, as {@link readMultipart}; and whatever `use` throws, after the clean-up.
 * @example
 * return withTempFiles(environ, async ({ fields, files }) => {
 *   for (const file of files.upload ?? []) await scan(file.path)
 *   return render(fields)
 * })
 */
export async function withTempFiles<R>(
  environ: Parameters<typeof readMultipart>[0],
  use: (form: MultipartForm<TempFile>) => R | Promise<R>,
  options: TempFilesOptions = {},
): Promise<R> {
  if (typeof use !== 'function') throw new TypeError('withTempFiles(): use must be a function')
  const { directory: parent, ...rest } = options
  const [{ mkdtemp, open, rm }, { tmpdir }, { join }] = await Promise.all([
    import('node:fs/promises'),
    import('node:os'),
    import('node:path'),
  ])
  const directory = await mkdtemp(join(parent ?? tmpdir(), 'tsgi-upload-'))
  try {
    let count = 0
    const form = await readMultipart<TempFile>(environ, {
      ...rest,
      onFile: async (file) => {
        const path = join(directory, String(count++))
        const handle = await open(path, 'wx', 0o600)
        let size = 0
        try {
          for await (const chunk of file) {
            size += chunk.length
            await handle.write(chunk)
          }
        } finally {
          await handle.close()
        }
        return { filename: file.filename ?? '', contentType: file.contentType, size, path }
      },
    })
    return await use(form)
  } finally {
    await rm(directory, { recursive: true, force: true })
  }
}
