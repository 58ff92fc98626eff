import type { App } from '@tsgi/core'
import { type Key, parse, pathToRegexp, type Token } from 'path-to-regexp'
import { allowList } from './_internal/allow-list.js'
import { captureNames } from './_internal/capture-names.js'
import type { CompiledRoute } from './_internal/compiled-route.js'
import { createExactPaths } from './_internal/exact-paths.js'
import { NullObject } from './_internal/null-object.js'
import { expandGroups, toSegments } from './_internal/to-segments.js'
import { createTrie, type Segment } from './_internal/trie.js'
import type { Pattern, Route } from './route.js'
import type { RoutingArgs } from './routing-args.js'

/** A matched route: the app to call and the arguments for `tsgi.routing_args`. */
export interface RouteMatch {
  readonly app: App
  readonly args: RoutingArgs
}

/** Options that change how patterns match. */
export interface CompileOptions {
  /**
   * Whether a path with one extra trailing `/` matches a pattern without it (path-to-regexp's
   * `trailing`): `/users/` matches `'/users'`.
   * @default true
   */
  trailing?: boolean
}

/** The compiled table: `match` for the request, `allowed` for 405 and OPTIONS. */
export interface RouteTable {
  /** The first route (lowest index) matching `path` that accepts `method`. */
  match(path: string, method: string): RouteMatch | undefined
  /** The methods of every route matching `path` for `Allow`, or `undefined` when none matches. */
  allowed(path: string): readonly string[] | undefined
  /** Every regular expression the table runs (path-to-regexp's and the user's), for auditing. */
  readonly expressions: readonly RegExp[]
}

interface RegExpRoute {
  route: CompiledRoute
  regexp: RegExp
  /** The name of each capture, `null` for an unnamed (positional) one. */
  names: (string | null)[]
}

const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Z]+$/
// Patterns have no positional arguments, so every trie match shares one frozen empty list.
const NO_POSITIONAL = Object.freeze([]) as unknown as (string | undefined)[]
const EMPTY_ARGS: RoutingArgs = Object.freeze([
  NO_POSITIONAL,
  Object.freeze(new NullObject()),
]) as unknown as RoutingArgs

/**
 * Compiles routes once: exact paths go in a `Map` behind a cheap filter (each with its winner per method worked out
 * in advance), whole-segment patterns in a segment trie, and the rest (segments mixing text and
 * parameters, inner wildcards, `RegExp`s) are tried as expressions, in order, only while they
 * come before the best trie match. The lowest route index always wins.
 *
 * @throws {TypeError} for a malformed route or pattern, naming the route's index.
 * @example
 * const table = compileRoutes([['/users/:id', showUser]])
 * table.match('/users/1', 'GET')?.args // [[], { id: '1' }]
 */
export function compileRoutes(routes: readonly Route[], options: CompileOptions = {}): RouteTable {
  if (!Array.isArray(routes)) throw new TypeError(`router(): routes must be an array, got ${typeof routes}`)
  const trailing = options.trailing ?? true
  if (typeof trailing !== 'boolean') {
    throw new TypeError(`router(): options.trailing must be a boolean, got ${typeof trailing}`)
  }
  const trie = createTrie(trailing)
  const regexps: RegExpRoute[] = []
  const staticPaths: string[] = []
  routes.forEach((entry, index) => {
    const route = normalize(entry, index)
    if (typeof route.pattern !== 'string') {
      const { source, flags } = route.pattern
      // exec with g or y reads and writes lastIndex; without them every call starts afresh.
      const regexp = new RegExp(source, flags.replace(/[gy]/g, ''))
      regexps.push({ route, regexp, names: captureNames(regexp) })
      return
    }
    const tokens = parsePattern(route.pattern, index)
    const sequences = expandGroups(tokens).map(toSegments)
    if (sequences.every((segments): segments is Segment[] => segments !== undefined)) {
      for (const segments of sequences) trie.insert(segments, route)
      const [only] = sequences
      if (sequences.length === 1 && only!.every((segment) => segment.kind === 'static')) {
        const path = `/${only!.map((segment) => (segment as { value: string }).value).join('/')}`
        staticPaths.push(path, `${path}/`)
      }
      return
    }
    let compiled: { regexp: RegExp; keys: Key[] }
    try {
      compiled = pathToRegexp(route.pattern, { sensitive: true, trailing })
    } catch (error) {
      throw patternError(route.pattern, index, error)
    }
    regexps.push({ route, regexp: compiled.regexp, names: compiled.keys.map((key) => key.name) })
  })

  const findAll = (path: string): RouteMatch[] & { routes: CompiledRoute[] } => {
    const found: { route: CompiledRoute; args: RoutingArgs }[] = []
    for (const hit of trie.findAll(path))
      found.push({ route: hit.leaf.route, args: trieArgs(hit.leaf.names, hit.values) })
    for (const entry of regexps) {
      const m = entry.regexp.exec(path)
      if (m !== null) found.push({ route: entry.route, args: regexpArgs(m, entry.names) })
    }
    found.sort((a, b) => a.route.index - b.route.index)
    return Object.assign(
      found.map(({ route, args }) => ({ app: route.app, args })),
      { routes: found.map(({ route }) => route) },
    )
  }

  const statics = createExactPaths(staticPaths, findAll)

  function match(path: string, method: string): RouteMatch | undefined {
    const entry = statics.get(path)
    if (entry !== undefined) {
      if (method === 'GET') return entry.get
      // A method no candidate lists can only be taken by a route that accepts every method.
      return entry.byMethod.get(method) ?? entry.any
    }
    const leaf = trie.find(path, method)
    const bound = leaf === undefined ? Infinity : leaf.route.index
    for (const entry of regexps) {
      const { route } = entry
      if (route.index >= bound) break
      if (route.methods !== null && !route.methods.has(method)) continue
      const m = entry.regexp.exec(path)
      if (m !== null) return { app: route.app, args: regexpArgs(m, entry.names) }
    }
    if (leaf === undefined) return undefined
    return { app: leaf.route.app, args: leaf.names.length === 0 ? EMPTY_ARGS : [NO_POSITIONAL, trie.params(path)] }
  }

  function anyRegExp(path: string): boolean {
    for (let i = 0; i < regexps.length; i++) if (regexps[i]!.regexp.test(path)) return true
    return false
  }

  function allowed(path: string): readonly string[] | undefined {
    // A miss (the common case here) is settled first, by a search the trie remembers from match().
    // Every exact path has at least one route, so a path no route matches has no entry either.
    if (trie.find(path, null) === undefined && !anyRegExp(path)) return undefined
    const entry = statics.get(path)
    if (entry !== undefined) return entry.allowed
    const { routes } = findAll(path)
    return routes.length > 0 ? allowList(routes) : undefined
  }

  regexps.sort((a, b) => a.route.index - b.route.index)
  return { match, allowed, expressions: regexps.map((entry) => entry.regexp) }
}

function normalize(entry: Route, index: number): CompiledRoute {
  const [pattern, app, methods] = Array.isArray(entry)
    ? (entry as readonly [Pattern, App, (readonly string[])?])
    : entry !== null && typeof entry === 'object'
      ? [
          (entry as { pattern: Pattern }).pattern,
          (entry as { app: App }).app,
          (entry as { methods?: readonly string[] }).methods,
        ]
      : []
  if (!Array.isArray(entry) && (entry === null || typeof entry !== 'object')) {
    throw new TypeError(
      `router(): route ${index} must be [pattern, app, methods?] or { pattern, app, methods? }, got ${entry === null ? 'null' : typeof entry}`,
    )
  }
  if (typeof pattern !== 'string' && !(pattern instanceof RegExp)) {
    throw new TypeError(
      `router(): route ${index} pattern must be a string or a RegExp, got ${pattern === null ? 'null' : typeof pattern}`,
    )
  }
  if (typeof app !== 'function') {
    throw new TypeError(
      `router(): route ${index} (${String(pattern)}) app must be a function, got ${app === null ? 'null' : typeof app}`,
    )
  }
  if (methods === undefined) return { index, pattern, app, methods: null, listed: null }
  if (
    !Array.isArray(methods) ||
    methods.length === 0 ||
    !methods.every((m) => typeof m === 'string' && METHOD.test(m))
  ) {
    throw new TypeError(
      `router(): route ${index} (${String(pattern)}) methods must be a non-empty array of upper-case method names, got ${JSON.stringify(methods)}`,
    )
  }
  const set = new Set<string>(methods)
  // RFC 9110 §9.3.2: HEAD is GET without the body, so a GET route answers HEAD too.
  if (set.has('GET')) set.add('HEAD')
  return { index, pattern, app, methods: set, listed: methods }
}

function parsePattern(pattern: string, index: number): Token[] {
  try {
    const { tokens } = parse(pattern)
    // Compiling once catches what parse alone lets through ("Missing text before", too many combinations).
    pathToRegexp(pattern, { sensitive: true })
    return tokens
  } catch (error) {
    throw patternError(pattern, index, error)
  }
}

function patternError(pattern: string, index: number, error: unknown): TypeError {
  const reason = error instanceof Error ? error.message : String(error)
  return new TypeError(`router(): route ${index} has a bad pattern ${JSON.stringify(pattern)}: ${reason}`, {
    cause: error,
  })
}

function trieArgs(names: readonly string[], values: readonly string[]): RoutingArgs {
  if (names.length === 0) return EMPTY_ARGS
  const named = new NullObject()
  for (let i = 0; i < names.length; i++) named[names[i]!] = values[i]!
  return [NO_POSITIONAL, named]
}

function regexpArgs(m: RegExpExecArray, names: (string | null)[]): RoutingArgs {
  const positional: (string | undefined)[] = []
  const named = new NullObject()
  for (let i = 1; i < m.length; i++) {
    const name = names[i - 1]
    if (name === null || name === undefined) positional.push(m[i])
    else if (m[i] !== undefined) named[name] = m[i]!
  }
  return [positional, named]
}
