import { encodedSlashesOption } from './_internal/encoded-slashes.js'
import type { Environ } from './types.js'

/** Options for {@link requestUri} and {@link applicationUri}. */
export interface RequestUriOptions {
  /**
   * Whether the query string is appended (`requestUri` only).
   * @default true
   */
  includeQuery?: boolean
  /**
   * The `encodedSlashes` mode the environ was decoded with (spec §2.5). Under `'keep'`, `%2F` and
   * `%25` in `PATH_INFO` are already escapes and are not quoted again.
   * @default 'reject'
   */
  encodedSlashes?: 'reject' | 'keep'
}

type UriEnviron = Pick<
  Environ,
  'tsgi.url_scheme' | 'SERVER_NAME' | 'SERVER_PORT' | 'SCRIPT_NAME' | 'PATH_INFO' | 'QUERY_STRING'
> & { HTTP_HOST?: string | undefined }

/**
 * Rebuilds the full URL of the request (spec §2.7, PEP 3333 "URL Reconstruction", after
 * `wsgiref.util.request_uri`): scheme, `Host` (or `SERVER_NAME` and a non-default port), the
 * quoted `SCRIPT_NAME` and `PATH_INFO`, and the query string.
 *
 * @example
 * requestUri(environ) // 'http://example.com/app/users/1?x=1'
 */
export function requestUri(environ: UriEnviron, options: RequestUriOptions = {}): string {
  const keep = encodedSlashesOption('requestUri', options)
  let uri = `${origin(environ)}${quotePath(environ.SCRIPT_NAME, keep)}${quotePath(environ.PATH_INFO, keep)}`
  if (options.includeQuery !== false && environ.QUERY_STRING) uri += `?${environ.QUERY_STRING}`
  return uri
}

/**
 * Rebuilds the URL of the application's root: scheme, host and the quoted `SCRIPT_NAME`, or `/`
 * when it is empty (after `wsgiref.util.application_uri`). Under a mount it is the mount point.
 *
 * @example
 * applicationUri(environ) // 'http://example.com/app'
 */
export function applicationUri(environ: UriEnviron, options: RequestUriOptions = {}): string {
  const keep = encodedSlashesOption('applicationUri', options)
  return `${origin(environ)}${quotePath(environ.SCRIPT_NAME, keep) || '/'}`
}

function origin(environ: UriEnviron): string {
  const scheme = environ['tsgi.url_scheme']
  const host = environ.HTTP_HOST
  if (host) return `${scheme}://${host}`
  const port = environ.SERVER_PORT
  const defaultPort = scheme === 'https' ? '443' : '80'
  return `${scheme}://${environ.SERVER_NAME}${port && port !== defaultPort ? `:${port}` : ''}`
}

/**
 * Percent-encodes a decoded path as UTF-8, leaving the characters `wsgiref` leaves (unreserved,
 * `/`, and the sub-delimiters `;=,` plus those RFC 3986 §3.3 allows in a segment).
 */
function quotePath(path: string, keep: boolean): string {
  if (SAFE_PATH.test(path)) return path
  let out = ''
  for (const char of path) {
    if (SAFE_CHAR.test(char) || (keep && char === '%')) out += char
    else for (const byte of encoder.encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

const encoder = new TextEncoder()
const SAFE_CHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/
const SAFE_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/
