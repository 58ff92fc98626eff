import { availableParallelism } from 'node:os'
import { parseArgs } from 'node:util'
import { proxyFix } from '@tsgi/proxy-fix'

/** The options of `tsgi serve`, parsed and checked. */
export interface ServeCommand {
  /** The module path, relative to the working directory. */
  module: string
  /** The export to serve. */
  exportName: string
  /** @default '127.0.0.1' */
  host: string
  /** @default 8000 */
  port: number
  /** Worker processes; 1 serves in this process. `--workers 0` means one per core. @default 1 */
  workers: number
  /** A rolling restart of the workers when a file under the module's folder changes. @default false */
  reload: boolean
  /** No access log. @default false */
  quiet: boolean
  /** Milliseconds a SIGTERM'd server reports not-ready and keeps serving before it closes. @default 0 */
  drainDelay: number
  /** Milliseconds an idle keep-alive connection stays open. @default 5000 */
  keepAliveTimeout: number
  /**
   * Peers (addresses, CIDRs, `loopback`, `private`) whose `X-Forwarded-For` and `-Proto` are
   * believed, for one proxy: the app is served under `proxyFix`, outside the access log.
   * @default undefined (no proxyFix)
   */
  forwardedAllowIps: string[] | undefined
}

/** A mistake on the command line: the message is for the user, followed by the usage text. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** The help text of `tsgi serve`. */
export const USAGE: string = `Usage: tsgi serve <module>[:export] [options]

Serves the tsgi app a module exports (its default export, or the named one after ':').
TypeScript modules (.ts, .mts, .cts, .tsx) load without a build step.

Options:
  --host <host>      address to listen on (default 127.0.0.1)
  --port <port>      port to listen on, 0 for any free port (default 8000)
  --workers <n>      worker processes on node:cluster, restarted when one dies;
                     0 = one per core (default 1: serve in this process)
  --reload           rolling restart of the workers when a file under the module's folder changes
  --quiet            no access log (default: common log format on stdout)
  --drain-delay <ms> on SIGTERM, report not-ready (tsgi.shutdown) and keep serving
                     this long before closing (default 0)
  --keep-alive-timeout <ms>
                     how long an idle keep-alive connection stays open; above the load
                     balancer's idle timeout (default 5000)
  --forwarded-allow-ips <list>
                     trust X-Forwarded-For/-Proto of one proxy from these comma-separated
                     addresses, CIDRs, 'loopback' or 'private' (default: trust none)
  -h, --help         show this help

Signals: SIGTERM/SIGINT drain and exit; SIGHUP replaces the workers one at a time.

Examples:
  tsgi serve ./src/app.ts --reload
  tsgi serve ./dist/app.js:api --port 3000 --workers 4
`

/**
 * Parses the arguments after `tsgi` (`['serve', './app.js:name', '--port', '3000']`), the way
 * gunicorn and uvicorn take theirs. Returns `'help'` when help was asked for.
 *
 * @throws {UsageError} for an unknown command or option, a missing module, or a bad number.
 * @example
 * parseServeArgs(['serve', './app.js', '--workers', '2']) // { module: './app.js', exportName: 'default', … }
 */
export function parseServeArgs(argv: readonly string[]): ServeCommand | 'help' {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) return 'help'
  const [command, target, ...extra] = positionals
  if (command === undefined) throw new UsageError('a command is needed: tsgi serve <module>[:export]')
  if (command !== 'serve') throw new UsageError(`unknown command ${JSON.stringify(command)}; the command is 'serve'`)
  if (target === undefined) throw new UsageError('tsgi serve needs a module: tsgi serve ./app.js[:export]')
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`)
  // A Windows drive letter (C:\app.js) is not an export separator: split at the last ':' only.
  const colon = target.lastIndexOf(':')
  const split = colon > 1 || (colon === 1 && !/^[A-Za-z]:[\\/]/.test(target))
  const module = split ? target.slice(0, colon) : target
  const exportName = split ? target.slice(colon + 1) : 'default'
  if (module === '' || exportName === '')
    throw new UsageError(`bad target ${JSON.stringify(target)}; use <module>[:export]`)
  const port = integer('--port', values.port ?? '8000', 0, 65535)
  const workersAsked = integer('--workers', values.workers ?? '1', 0, 1024)
  return {
    module,
    exportName,
    host: values.host ?? '127.0.0.1',
    port,
    workers: workersAsked === 0 ? availableParallelism() : workersAsked,
    reload: values.reload ?? false,
    quiet: values.quiet ?? false,
    drainDelay: integer('--drain-delay', values['drain-delay'] ?? '0', 0, 3_600_000),
    keepAliveTimeout: integer('--keep-alive-timeout', values['keep-alive-timeout'] ?? '5000', 0, 3_600_000),
    forwardedAllowIps: peers(values['forwarded-allow-ips']),
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      workers: { type: 'string' },
      reload: { type: 'boolean' },
      quiet: { type: 'boolean' },
      'drain-delay': { type: 'string' },
      'keep-alive-timeout': { type: 'string' },
      'forwarded-allow-ips': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}

function peers(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined
  const list = text.split(',').map((entry) => entry.trim())
  try {
    proxyFix(() => [], { trusted: list }) // checks every entry, as the server will
  } catch (error) {
    throw new UsageError(
      `--forwarded-allow-ips: ${(error as Error).message.replace(/^proxyFix\(\): options\.trusted /, '')}`,
    )
  }
  return list
}

function integer(flag: string, text: string, min: number, max: number): number {
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`)
  }
  return value
}
