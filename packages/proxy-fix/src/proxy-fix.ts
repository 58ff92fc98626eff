import { type App, describeValue, type Environ } from '@tsgi/core'
import { clientAddress, hostAndPort, port, prefix, scheme } from './_internal/forwarded-values.js'
import { type Found, forwardedForReader, forwardedReader, hop, logMalformed } from './_internal/read-headers.js'
import { trustedPeers } from './_internal/trusted-peers.js'
import type { ProxyFixOriginals } from './proxy-fix-orig.js'

/** Options for {@link proxyFix}: how many proxies in front of the app set each header. */
export interface ProxyFixOptions {
  /**
   * Proxies trusted to append to `X-Forwarded-For` (or to add a `Forwarded` element): the value
   * that many places from the right becomes `REMOTE_ADDR`. `0` ignores the header.
   * @default 1
   */
  for?: number
  /**
   * Proxies trusted to set `X-Forwarded-Proto` (or `proto=`): it becomes `tsgi.url_scheme`.
   * @default 1
   */
  proto?: number
  /**
   * Proxies trusted to set `X-Forwarded-Host` (or `host=`): it becomes `HTTP_HOST`,
   * `SERVER_NAME` and `SERVER_PORT`.
   * @default 0
   */
  host?: number
  /**
   * Proxies trusted to set `X-Forwarded-Port`: it becomes `SERVER_PORT` and the port of `HTTP_HOST`.
   * @default 0
   */
  port?: number
  /**
   * Proxies trusted to set `X-Forwarded-Prefix`: the path the proxy cut off, put in front of
   * `SCRIPT_NAME` (spec §2.6), so `applicationUri` and links include it.
   * @default 0
   */
  prefix?: number
  /**
   * Read the client, scheme and host from the standard `Forwarded` field (RFC 7239) instead of
   * `X-Forwarded-For`, `-Proto` and `-Host`. `X-Forwarded-Port` and `-Prefix` are still read.
   * @default false
   */
  forwarded?: boolean
  /**
   * The direct peers (`REMOTE_ADDR`) whose headers are believed: addresses, CIDR ranges
   * (`'10.0.0.0/8'`, `'2001:db8::/32'`), and the words `'loopback'` and `'private'` (RFC 1918
   * and IPv6 unique local ranges). A request from any other peer passes through untouched, so a
   * client that reaches the app directly cannot claim another address. `['0.0.0.0/0', '::/0']`
   * trusts every peer.
   * @default ['loopback', 'private']
   */
  trusted?: readonly string[]
}

/** The hop counts, resolved. */
export interface Hops {
  for: number
  proto: number
  host: number
  port: number
  prefix: number
  forwarded: boolean
}

const OPTION_NAMES = ['for', 'proto', 'host', 'port', 'prefix'] as const

/**
 * Lets an app behind reverse proxies see the client's request (after Werkzeug's `ProxyFix`):
 * when the direct peer is trusted, it reads `X-Forwarded-For`, `-Proto`, `-Host`, `-Port` and
 * `-Prefix` (or RFC 7239 `Forwarded`) and passes the inner app a copy of the environ with
 * `REMOTE_ADDR`, `tsgi.url_scheme`, `HTTP_HOST`, `SERVER_NAME`, `SERVER_PORT` and `SCRIPT_NAME`
 * rewritten, and the server's values under `tsgi.proxy_fix.orig`. The caller's environ is never
 * changed (spec §7.4).
 *
 * Each header is trusted for exactly the number of proxies given: the value that many places from
 * the right is used, and the values to its left, which the client could have sent, are ignored.
 * A header with fewer values than that is ignored. A malformed value (not an IP address, not
 * `http`/`https`, not a host or port, a prefix that is not a clean path) is left unchanged and
 * logged to `tsgi.errors`. Put it outermost, so every other layer sees the client's request.
 *
 * @throws {TypeError} if `app` is not a function or an option has the wrong type.
 * @throws {RangeError} if a hop count is not an integer from 0 up.
 * @example
 * // One nginx in front that sets X-Forwarded-For, -Proto and -Host.
 * const app = proxyFix(routes, { for: 1, proto: 1, host: 1 })
 */
export function proxyFix(app: App, options: ProxyFixOptions = {}): App {
  if (typeof app !== 'function') throw new TypeError(`proxyFix(): app must be a function, got ${describeValue(app)}`)
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`proxyFix(): options must be an object, got ${describeValue(options)}`)
  }
  const hops = resolveHops(options)
  const isTrusted = trustedPeers('proxyFix()', options.trusted ?? ['loopback', 'private'])

  return function proxyFix(environ, startResponse) {
    if (!isTrusted(environ.REMOTE_ADDR)) return app(environ, startResponse)
    const changes = rewrite(environ, hops)
    if (changes === undefined) return app(environ, startResponse)
    const orig: ProxyFixOriginals = {
      REMOTE_ADDR: environ.REMOTE_ADDR,
      'tsgi.url_scheme': environ['tsgi.url_scheme'],
      HTTP_HOST: environ.HTTP_HOST,
      SERVER_NAME: environ.SERVER_NAME,
      SERVER_PORT: environ.SERVER_PORT,
      SCRIPT_NAME: environ.SCRIPT_NAME,
    }
    // One spread of the environ, then plain assignments: a second spread of the changes would
    // take V8's slow generic copy (measured: most of this layer's cost). The new key goes first:
    // in V8 11 (Node 20) a spread copy that then gains a key it lacked gets a hidden class of its
    // own on every request, and so does each key a layer below sets in place (the session, the
    // router), about 4 µs apiece; a literal that starts with the key and spreads the environ after
    // it stays on shared hidden classes. Under a second proxyFix the key exists and is replaced.
    const copy: Environ =
      'tsgi.proxy_fix.orig' in environ
        ? { ...environ, 'tsgi.proxy_fix.orig': orig }
        : { 'tsgi.proxy_fix.orig': orig, ...environ }
    if (changes.REMOTE_ADDR !== undefined) copy.REMOTE_ADDR = changes.REMOTE_ADDR
    if (changes['tsgi.url_scheme'] !== undefined) copy['tsgi.url_scheme'] = changes['tsgi.url_scheme']
    if (changes.HTTP_HOST !== undefined) copy.HTTP_HOST = changes.HTTP_HOST
    if (changes.SERVER_NAME !== undefined) copy.SERVER_NAME = changes.SERVER_NAME
    if (changes.SERVER_PORT !== undefined) copy.SERVER_PORT = changes.SERVER_PORT
    if (changes.SCRIPT_NAME !== undefined) copy.SCRIPT_NAME = changes.SCRIPT_NAME
    return app(copy, startResponse)
  }
}

function resolveHops(options: ProxyFixOptions): Hops {
  const hops: Hops = { for: 1, proto: 1, host: 0, port: 0, prefix: 0, forwarded: false }
  for (const name of OPTION_NAMES) {
    const value = options[name]
    if (value === undefined) continue
    if (typeof value !== 'number') {
      throw new TypeError(`proxyFix(): options.${name} must be a number of proxies, got ${describeValue(value)}`)
    }
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`proxyFix(): options.${name} must be an integer of at least 0, got ${value}`)
    }
    hops[name] = value
  }
  if (options.forwarded !== undefined && typeof options.forwarded !== 'boolean') {
    throw new TypeError(`proxyFix(): options.forwarded must be a boolean, got ${describeValue(options.forwarded)}`)
  }
  hops.forwarded = options.forwarded ?? false
  return hops
}

type Changes = Partial<
  Pick<Environ, 'REMOTE_ADDR' | 'tsgi.url_scheme' | 'SERVER_NAME' | 'SERVER_PORT' | 'SCRIPT_NAME'>
> & {
  HTTP_HOST?: string
}

/** The environ keys the trusted headers replace, or `undefined` when none applies. */
function rewrite(environ: Environ, hops: Hops): Changes | undefined {
  const read = hops.forwarded ? forwardedReader(environ, hops) : forwardedForReader(environ, hops)
  const changes: Changes = {}
  let changed = false
  const client = checked(environ, read.for, clientAddress)
  if (client !== undefined) [changes.REMOTE_ADDR, changed] = [client, true]
  const proto = checked(environ, read.proto, scheme)
  if (proto !== undefined) [changes['tsgi.url_scheme'], changed] = [proto, true]
  const host = checked(environ, read.host, hostAndPort)
  if (host !== undefined) {
    const defaultPort = (changes['tsgi.url_scheme'] ?? environ['tsgi.url_scheme']) === 'https' ? '443' : '80'
    changes.HTTP_HOST = host.port === undefined ? host.name : `${host.name}:${host.port}`
    changes.SERVER_NAME = host.name
    changes.SERVER_PORT = host.port ?? defaultPort
    changed = true
  }
  const forwardedPort = checked(environ, hop(environ, 'HTTP_X_FORWARDED_PORT', hops.port), port)
  if (forwardedPort !== undefined) {
    const current = changes.HTTP_HOST ?? environ.HTTP_HOST
    if (current !== undefined) changes.HTTP_HOST = `${withoutPort(current)}:${forwardedPort}`
    changes.SERVER_PORT = forwardedPort
    changed = true
  }
  const path = checked(environ, hop(environ, 'HTTP_X_FORWARDED_PREFIX', hops.prefix), prefix)
  if (path) [changes.SCRIPT_NAME, changed] = [path + environ.SCRIPT_NAME, true]
  return changed ? changes : undefined
}

/** Validates a found value; a malformed one is logged and gives `undefined`. */
function checked<T>(
  environ: Environ,
  found: Found | undefined,
  parse: (value: string) => T | undefined,
): T | undefined {
  if (found === undefined) return undefined
  const value = parse(found.value)
  if (value === undefined) logMalformed(environ, found)
  return value
}

function withoutPort(host: string): string {
  const colon = host.lastIndexOf(':')
  return colon === -1 || host.endsWith(']') ? host : host.slice(0, colon)
}
