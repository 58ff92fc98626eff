import type { Stats } from 'node:fs'
import { join, sep } from 'node:path'
import type { Environ } from '@tsgi/core'
import type { StaticSettings } from '../serve-static-options.js'
import { acceptedEncodings, ENCODING_SUFFIX, type Encoding } from './accept-encoding.js'
import { closeFd, isMissing, openFile, openFlags, realPath, statFd } from './file-system.js'
import { hasDotSegment, type SafePath } from './safe-path.js'

/** An open regular file: its descriptor (the caller must close it), its metadata and its name. */
export interface OpenFile {
  fd: number
  stat: Stats
  /** The file system path of the file asked for; its extension gives the media type. */
  path: string
  /** The content coding when a precompressed sibling is what was opened. */
  encoding: Encoding | undefined
}

/**
 * Finds what a checked path names below the root: an open file, `'directory'` (a directory asked
 * for without its slash, to be redirected), or `undefined` (nothing to serve). A path ending in
 * `/` is a directory: its index files are tried in order. A missing file is tried with each
 * fallback extension. Each candidate is opened once and measured from its descriptor, so the
 * size and dates sent are those of the bytes read.
 */
export async function locate(
  settings: StaticSettings,
  target: SafePath,
  environ: Environ,
): Promise<OpenFile | 'directory' | undefined> {
  const base = join(settings.root, ...target.segments)
  if (target.directory) {
    for (const name of settings.index) {
      const found = await openInside(settings, join(base, name), environ)
      if (typeof found === 'object') return negotiate(settings, found, environ)
    }
    return undefined
  }
  const found = await openInside(settings, base, environ)
  if (found === 'directory') return found
  if (found) return negotiate(settings, found, environ)
  for (const extension of settings.extensions) {
    const fallback = await openInside(settings, `${base}.${extension}`, environ)
    if (typeof fallback === 'object') return negotiate(settings, fallback, environ)
  }
  return undefined
}

/**
 * Opens `path` if it is a regular file inside the root. Unless `followSymlinks`, the path is
 * resolved first, links included, and refused when the result leaves the root (or, with
 * dotfiles denied, names a dotfile through a link); the resolved path is then opened with
 * O_NOFOLLOW.
 */
async function openInside(
  settings: StaticSettings,
  path: string,
  environ: Environ,
): Promise<OpenFile | 'directory' | undefined> {
  let real = path
  try {
    if (!settings.followSymlinks) {
      real = await realPath(path)
      if (real !== settings.root) {
        if (!real.startsWith(settings.rootPrefix)) return undefined
        if (!settings.allowDotfiles && hasDotSegment(real.slice(settings.rootPrefix.length), sep)) return undefined
      }
    }
    const fd = await openFile(real, openFlags(!settings.followSymlinks))
    let stat: Stats
    try {
      stat = await statFd(fd)
    } catch (error) {
      closeFd(fd, environ['tsgi.errors'])
      throw error
    }
    if (stat.isFile()) return { fd, stat, path, encoding: undefined }
    closeFd(fd, environ['tsgi.errors'])
    return stat.isDirectory() ? 'directory' : undefined
  } catch (error) {
    if (isMissing(error)) return undefined
    throw error
  }
}

/** Swaps the file for its best precompressed sibling that the client accepts, if there is one. */
async function negotiate(settings: StaticSettings, file: OpenFile, environ: Environ): Promise<OpenFile> {
  if (settings.encodings.length === 0) return file
  for (const encoding of acceptedEncodings(environ.HTTP_ACCEPT_ENCODING, settings.encodings)) {
    let sibling: OpenFile | 'directory' | undefined
    try {
      sibling = await openInside(settings, file.path + ENCODING_SUFFIX[encoding], environ)
    } catch (error) {
      closeFd(file.fd, environ['tsgi.errors'])
      throw error
    }
    if (typeof sibling === 'object') {
      closeFd(file.fd, environ['tsgi.errors'])
      return { ...sibling, path: file.path, encoding }
    }
  }
  return file
}
