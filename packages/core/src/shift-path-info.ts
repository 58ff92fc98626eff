import { describe } from './_internal/describe.js'
import type { Environ } from './types.js'

/** What {@link shiftPathInfo} returns. */
export interface ShiftedPath<E> {
  /** The segment moved, `''` for a trailing slash, or `undefined` when `PATH_INFO` was empty. */
  name: string | undefined
  /** A new environ with the segment moved; the same object when nothing was shifted. */
  environ: E
}

/**
 * Moves one path segment from `PATH_INFO` to `SCRIPT_NAME` (spec §2.6, after
 * `wsgiref.util.shift_path_info`), returning a new environ instead of changing the one it got, so
 * the caller's view of the request stays as it was (spec §7.4). Empty and `.` segments in the
 * middle of the path are dropped, as wsgiref drops them. A `PATH_INFO` that does not start with
 * `/` (the asterisk form `*`) has no segment to shift, like an empty one.
 *
 * @throws {TypeError} if `environ` is not an object with string `SCRIPT_NAME` and `PATH_INFO`.
 * @example
 * const { name, environ: inner } = shiftPathInfo(environ) // '/blog/posts' → name 'blog', PATH_INFO '/posts'
 */
export function shiftPathInfo<E extends Pick<Environ, 'SCRIPT_NAME' | 'PATH_INFO'>>(environ: E): ShiftedPath<E> {
  if (
    environ === null ||
    typeof environ !== 'object' ||
    typeof environ.PATH_INFO !== 'string' ||
    typeof environ.SCRIPT_NAME !== 'string'
  ) {
    throw new TypeError(
      `shiftPathInfo(): environ must be an environ with string SCRIPT_NAME and PATH_INFO, got ${describe(environ)}`,
    )
  }
  const pathInfo = environ.PATH_INFO
  // wsgiref raises IndexError for '*' and shifts the last segment of 'a/b'; neither is a path to shift.
  if (pathInfo.charCodeAt(0) !== 0x2f) return { name: undefined, environ }
  const parts = pathInfo.split('/')
  const last = parts.length - 1 // at least 1: the path starts with '/'
  const rest = parts.slice(1, last).filter((part) => part !== '' && part !== '.')
  rest.push(parts[last]!)
  const name = rest.shift()!
  let scriptName = normalize(`${environ.SCRIPT_NAME}/${name}`)
  if (scriptName.endsWith('/')) scriptName = scriptName.slice(0, -1)
  if (name === '' && !scriptName.endsWith('/')) scriptName += '/'
  const shifted = { ...environ, SCRIPT_NAME: scriptName, PATH_INFO: rest.length > 0 ? `/${rest.join('/')}` : '' }
  return { name: name === '.' ? undefined : name, environ: shifted }
}

/**
 * `posixpath.normpath` for an absolute path: drops `.` and empty segments and resolves `..`.
 * Like POSIX (and Python), exactly two leading slashes are kept (`//a` stays `//a`); one or
 * three and more become one.
 */
function normalize(path: string): string {
  const out: string[] = []
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') out.pop()
    else out.push(segment)
  }
  const root = path.startsWith('//') && !path.startsWith('///') ? '//' : '/'
  return `${root}${out.join('/')}`
}
