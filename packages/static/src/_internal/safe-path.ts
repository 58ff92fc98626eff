/** A request path checked against the traversal rules, as segments safe to join onto the root. */
export interface SafePath {
  /** The decoded names between the slashes, none empty, `.`, `..`, or holding a separator. */
  segments: string[]
  /** Whether the path ended with `/` (a directory is asked for), or was empty (the mount point). */
  directory: boolean
}

/**
 * Checks a decoded `PATH_INFO` (spec §2.5) and splits it into segments, or returns `undefined`
 * when it must not reach the file system. The server already refused `%00`, encoded dot segments,
 * bad escapes and invalid (overlong) UTF-8; this refuses what decoding lets through, because spec
 * §2.5.5 passes literal dot segments on and a decoded `%5C` is an ordinary character:
 * - `.` and `..` segments, and empty segments (`//`, which would also make a redirect to
 *   `//host` an open redirect);
 * - `\` (a separator on Windows), NUL and other control characters;
 * - `:` at the start of a segment's second character (a Windows drive letter, `C:`), and any `:`
 *   on Windows (alternate data streams);
 * - a segment starting with `.` unless `allowDotfiles`;
 * - under `encodedSlashes: 'keep'`, a segment holding `%2F` (no file name holds a slash); `%25`
 *   becomes `%`.
 */
export function safePath(pathInfo: string, allowDotfiles: boolean, keep: boolean): SafePath | undefined {
  if (pathInfo === '') return { segments: [], directory: true }
  if (pathInfo.charCodeAt(0) !== 0x2f) return undefined
  const parts = pathInfo.split('/')
  const directory = parts[parts.length - 1] === ''
  const segments = parts.slice(1, directory ? -1 : undefined)
  for (let index = 0; index < segments.length; index++) {
    let segment = segments[index]!
    if (!isSafeSegment(segment, allowDotfiles)) return undefined
    if (keep && segment.includes('%')) {
      if (segment.includes('%2F')) return undefined
      segment = segment.replaceAll('%25', '%')
      segments[index] = segment
    }
  }
  return { segments, directory }
}

/** Whether a name below the root (from the path, or from a resolved link) is hidden by the dotfiles rule. */
export function hasDotSegment(relative: string, separator: string): boolean {
  return relative.startsWith('.') || relative.includes(`${separator}.`)
}

function isSafeSegment(segment: string, allowDotfiles: boolean): boolean {
  if (segment === '' || segment === '.' || segment === '..') return false
  if (!allowDotfiles && segment.charCodeAt(0) === 0x2e) return false
  if (segment.length >= 2 && segment.charCodeAt(1) === 0x3a && isLetter(segment.charCodeAt(0))) return false
  for (let index = 0; index < segment.length; index++) {
    const code = segment.charCodeAt(index)
    if (code < 0x20 || code === 0x7f || code === 0x5c) return false
    if (code === 0x3a && WINDOWS) return false
  }
  return true
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
}

const WINDOWS = process.platform === 'win32'
