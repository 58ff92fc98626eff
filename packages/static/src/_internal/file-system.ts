import { close, constants, fstat, open, read, realpath, type Stats } from 'node:fs'
import { promisify } from 'node:util'
import type { ErrorStream } from '@tsgi/core'

// The callback API behind promisify: cheaper per call than `fs/promises` and its FileHandle
// objects, and an fd is a plain number the body can close on every path itself.
export const openFile: (path: string, flags: number) => Promise<number> = promisify(open)
export const statFd: (fd: number) => Promise<Stats> = promisify(fstat)
export const realPath: (path: string) => Promise<string> = promisify(realpath.native)

/** Reads into `buffer` at `offset`; resolves with the number of bytes read (0 at the end of the file). */
export function readFd(
  fd: number,
  buffer: Uint8Array,
  offset: number,
  length: number,
  position: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, buffer, offset, length, position, (error, bytes) => (error ? reject(error) : resolve(bytes)))
  })
}

/**
 * Read-only, and with `noFollow` refusing a symbolic link as the last component (POSIX only).
 * O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, holding one of the
 * libuv pool's four threads for good; it changes nothing for regular files.
 */
export function openFlags(noFollow: boolean): number {
  return constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (noFollow ? (constants.O_NOFOLLOW ?? 0) : 0)
}

/** Closes `fd`; a failure (it should never fail on a read-only file) is written to `errors`. */
export function closeFd(fd: number, errors: ErrorStream): void {
  close(fd, (error) => {
    if (error) errors.write(`@tsgi/static: closing a file failed: ${error.message}\n`)
  })
}

/**
 * Errors that mean "no such file here": the path or a parent is missing or not a directory, a
 * name is too long, a link loops or is refused (ELOOP with O_NOFOLLOW), or access is denied.
 */
export function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && MISSING.has(code)
}

const MISSING = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP', 'EISDIR', 'EACCES', 'EPERM', 'EINVAL'])

/**
 * Reads `length` bytes at `position` into one buffer (a short read is retried at the next
 * offset). Throws if the file ends first: it shrank after it was measured.
 */
export async function readExactly(fd: number, position: number, length: number): Promise<Uint8Array> {
  const buffer = Buffer.allocUnsafe(length)
  let filled = 0
  while (filled < length) {
    const bytes = await readFd(fd, buffer, filled, length - filled, position + filled)
    if (bytes === 0)
      throw new Error(`@tsgi/static: the file ended ${length - filled} bytes early (it changed while read)`)
    filled += bytes
  }
  return buffer
}
