import { realpathSync, statSync } from 'node:fs'
import { resolve, sep } from 'node:path'
import { type App, describeValue } from '@tsgi/core'
import { ENCODING_SUFFIX, type Encoding } from './_internal/accept-encoding.js'

/** Options for {@link serveStatic}. Every field is optional. */
export interface ServeStaticOptions {
  /**
   * The files tried, in order, for a path ending in `/`; `false` or `[]` for none. There are
   * never directory listings.
   * @default ['index.html']
   */
  index?: readonly string[] | string | false
  /**
   * Whether names starting with `.` (files and directories, `.env`, `.git/`) are served. `'deny'`
   * answers 404 as if they did not exist (so `cascade` falls through).
   * @default 'deny'
   */
  dotfiles?: 'deny' | 'allow'
  /**
   * Extensions tried, in order, when the path names no file: `['html']` serves `/about` from
   * `about.html`. Without the dot.
   * @default [] (none)
   */
  extensions?: readonly string[]
  /**
   * `Cache-Control: public, max-age=<maxAge>`, in seconds.
   * @default 0
   */
  maxAge?: number
  /**
   * Adds `immutable` to `Cache-Control`, for files whose names change with their content.
   * @default false
   */
  immutable?: boolean
  /**
   * Sends a strong `ETag` made of the size and modification time (and the coding of a
   * precompressed sibling), and answers `If-None-Match`, `If-Match` and `If-Range` with it.
   * @default true
   */
  etag?: boolean
  /**
   * Sends `Last-Modified` and answers `If-Modified-Since`, `If-Unmodified-Since` and a dated
   * `If-Range` with it.
   * @default true
   */
  lastModified?: boolean
  /**
   * Serves `<file>.br`, `<file>.zst` or `<file>.gz` beside a file when `Accept-Encoding` accepts
   * that coding, with `Content-Encoding` and `Vary: Accept-Encoding`. `true` means
   * `['br', 'zstd', 'gzip']`; a list gives the codings and their order of preference.
   * @default false
   */
  precompressed?: boolean | readonly ('br' | 'zstd' | 'gzip')[]
  /**
   * Whether symbolic links are followed wherever they point. With `false`, the path is resolved
   * (links included) and must stay inside the root, or the answer is 404.
   * @default false
   */
  followSymlinks?: boolean
  /**
   * The app called on a miss (no such file, a refused path, a method other than GET and HEAD),
   * with the same environ: Rack's `cascade`. Without it a miss is a 404 (405 for other methods).
   * @default undefined (misses are answered here)
   */
  cascade?: App
  /**
   * The `encodedSlashes` mode the server decoded `PATH_INFO` with (spec §2.5): under `'keep'`,
   * `%25` in a name is `%`, and a name holding `%2F` is never a file.
   * @default 'reject'
   */
  encodedSlashes?: 'reject' | 'keep'
}

/** The options, checked and with their defaults, and the root resolved once at build time. */
export interface StaticSettings {
  root: string
  /** The root followed by the path separator: what every path inside it starts with. */
  rootPrefix: string
  index: readonly string[]
  allowDotfiles: boolean
  extensions: readonly string[]
  cacheControl: string
  etag: boolean
  lastModified: boolean
  encodings: readonly Encoding[]
  followSymlinks: boolean
  cascade: App | undefined
  keep: boolean
}

export function staticSettings(root: unknown, options: ServeStaticOptions): StaticSettings {
  if (typeof root !== 'string' || root === '') {
    throw new TypeError(`serveStatic(): root must be a directory path, got ${describeValue(root)}`)
  }
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`serveStatic(): options must be an object, got ${describeValue(options)}`)
  }
  const { maxAge = 0, immutable = false, cascade } = options
  if (!Number.isSafeInteger(maxAge) || maxAge < 0) {
    throw new TypeError(`serveStatic(): options.maxAge must be a whole number of seconds, got ${describeValue(maxAge)}`)
  }
  if (cascade !== undefined && typeof cascade !== 'function') {
    throw new TypeError(`serveStatic(): options.cascade must be an app, got ${describeValue(cascade)}`)
  }
  const real = rootDirectory(root)
  return {
    root: real,
    rootPrefix: real.endsWith(sep) ? real : real + sep,
    index: names('index', options.index === false ? [] : (options.index ?? ['index.html'])),
    allowDotfiles: oneOf('dotfiles', options.dotfiles, ['deny', 'allow']) === 'allow',
    extensions: extensionList(options.extensions ?? []),
    cacheControl: `public, max-age=${maxAge}${flag('immutable', immutable) ? ', immutable' : ''}`,
    etag: flag('etag', options.etag ?? true),
    lastModified: flag('lastModified', options.lastModified ?? true),
    encodings: encodingList(options.precompressed ?? false),
    followSymlinks: flag('followSymlinks', options.followSymlinks ?? false),
    cascade,
    keep: oneOf('encodedSlashes', options.encodedSlashes, ['reject', 'keep']) === 'keep',
  }
}

/** The root as an absolute, link-free path (a relative root is taken from the working directory, once). */
function rootDirectory(root: string): string {
  let real: string
  try {
    real = realpathSync.native(resolve(root))
  } catch (error) {
    throw new RangeError(`serveStatic(): root ${describeValue(root)} does not exist`, { cause: error })
  }
  if (!statSync(real).isDirectory()) {
    throw new RangeError(`serveStatic(): root ${describeValue(root)} is not a directory`)
  }
  return real
}

function names(option: string, value: unknown): readonly string[] {
  const list = typeof value === 'string' ? [value] : value
  if (!Array.isArray(list) || !list.every((name) => typeof name === 'string' && PLAIN_NAME.test(name))) {
    throw new TypeError(`serveStatic(): options.${option} must be file names without '/', got ${describeValue(value)}`)
  }
  return [...list]
}

function extensionList(value: unknown): readonly string[] {
  if (!Array.isArray(value) || !value.every((name) => typeof name === 'string' && /^[\w-]+$/.test(name))) {
    throw new TypeError(
      `serveStatic(): options.extensions must be extensions without the dot, got ${describeValue(value)}`,
    )
  }
  return [...value]
}

function encodingList(value: unknown): readonly Encoding[] {
  if (value === true) return ['br', 'zstd', 'gzip']
  if (value === false) return []
  if (!Array.isArray(value) || !value.every((name) => typeof name === 'string' && name in ENCODING_SUFFIX)) {
    throw new TypeError(
      `serveStatic(): options.precompressed must be a boolean or a list of 'br', 'zstd' and 'gzip', got ${describeValue(value)}`,
    )
  }
  return [...new Set(value as Encoding[])]
}

function flag(option: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new TypeError(`serveStatic(): options.${option} must be a boolean, got ${describeValue(value)}`)
  }
  return value
}

function oneOf<T extends string>(option: string, value: unknown, allowed: readonly T[]): T {
  if (value === undefined) return allowed[0]!
  if (!allowed.includes(value as T)) {
    throw new TypeError(
      `serveStatic(): options.${option} must be ${allowed.map((item) => `'${item}'`).join(' or ')}, got ${describeValue(value)}`,
    )
  }
  return value as T
}

const PLAIN_NAME = /^(?!\.\.?$)[^/\\\0]+$/
