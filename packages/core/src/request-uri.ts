import { describe } from './_internal/describe.js'
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
 * quoted `SCRIPT_NAME` and `PATH_INFO`, and the query string. An empty path is `/`.
 *
 * @throws {TypeError} if `environ` is not an object or an option is invalid.
 * @example
 * requestUri(environ) // 'http://example.com/app/users/1?x=1'
 */
export function requestUri(environ: UriEnviron, options: RequestUriOptions = {}): string {
  checkEnviron('requestUri', environ)
  const keep = encodedSlashesOption('requestUri', options)
  const includeQuery = options.includeQuery
  if (includeQuery !== undefined && typeof includeQuery !== 'boolean') {
    throw new TypeError(`requestUri(): options.includeQuery must be a boolean, got ${describe(includeQuery)}`)
  }
  const path = `${quotePath(environ.SCRIPT_NAME, keep)}${quotePath(environ.PATH_INFO, keep)}`
  // An empty path, or the asterisk form's '*', must not run into the authority (as wsgiref's does not).
  let uri = `${origin(environ)}${path.charCodeAt(0) === 0x2f ? path : `/${path}`}`
  if (includeQuery !== false && environ.QUERY_STRING) uri += `?${environ.QUERY_STRING}`
  return uri
}

/**
 * Rebuilds the URL of the application's root: scheme, host and the quoted `SCRIPT_NAME`, or `/`
 * when it is empty (after `wsgiref.util.application_uri`). Under a mount it is the mount point.
 *
 * @throws {TypeError} if `environ` is not an object or an option is invalid.
 * @example
 * applicationUri(environ) // 'http://example.com/app'
 */
export function applicationUri(environ: UriEnviron, options: RequestUriOptions = {}): string {
  checkEnviron('applicationUri', environ)
  const keep = encodedSlashesOption('applicationUri', options)
  return `${origin(environ)}${quotePath(environ.SCRIPT_NAME, keep) || '/'}`
}

function checkEnviron(caller: string, environ: unknown): void {
  if (environ === null || typeof environ !== 'object') {
    throw new TypeError(`${caller}(): environ must be an environ object, got ${describe(environ)}`)
  }
}

function origin(environ: UriEnviron): string {
  const scheme = environ['tsgi.url_scheme']
  const host = environ.HTTP_HOST
  if (host) return `${scheme}://${host}`
  const port = environ.SERVER_PORT
  const defaultPort = scheme === 'https' ? '443' : '80'
  let name = environ.SERVER_NAME
  // An IPv6 address needs brackets in a URL (RFC 3986 §3.2.2), or its colons read as a port.
  if (name.includes(':') && name.charCodeAt(0) !== 0x5b) name = `[${name}]`
  return `${scheme}://${name}${port && port !== defaultPort ? `:${port}` : ''}`
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
