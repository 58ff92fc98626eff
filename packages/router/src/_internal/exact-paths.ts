import type { RouteMatch } from '../compile.js'
import { allowList } from './allow-list.js'
import type { CompiledRoute } from './compiled-route.js'

/** What an exact path answers, worked out at build time. */
export interface ExactEntry {
  /** The winner for GET, the most common method, read without a second Map lookup. */
  get: RouteMatch | undefined
  byMethod: Map<string, RouteMatch>
  any: RouteMatch | undefined
  allowed: readonly string[] | undefined
}

/** What {@link createExactPaths} returns. */
export interface ExactPaths {
  /** The entry for `path`, or `undefined` when no route matches it exactly. */
  get(path: string): ExactEntry | undefined
}

// A bit per (length, last character) pair, hashed into 4096 bits: most paths that are not exact
// (parametric ones, misses) are turned away by one array read, before the Map hashes the path.
// A request's PATH_INFO is a new string, so that hash would be computed over its whole length.
const FILTER_BITS = 4096
const slot = (path: string): number => (path.length * 131 + path.charCodeAt(path.length - 1)) & (FILTER_BITS - 1)

/**
 * The table of exact paths: each path of a pattern made of static segments only (and the same
 * path with a trailing `/`), with its winner per method from every route matching it (`findAll`
 * gives them in route order), so a request for it costs one Map lookup.
 */
export function createExactPaths(
  paths: readonly string[],
  findAll: (path: string) => RouteMatch[] & { routes: CompiledRoute[] },
): ExactPaths {
  const entries = new Map<string, ExactEntry>()
  const filter = new Uint8Array(FILTER_BITS)
  for (const path of paths) {
    if (entries.has(path)) continue
    const matches = findAll(path)
    if (matches.length === 0) continue
    entries.set(path, exactEntry(matches, matches.routes))
    filter[slot(path)] = 1
  }
  return {
    get(path) {
      // An empty path has NaN for its last character, which lands in slot 0 like any other.
      return filter[slot(path)] === 0 ? undefined : entries.get(path)
    },
  }
}

function exactEntry(matches: readonly RouteMatch[], routes: readonly CompiledRoute[]): ExactEntry {
  const byMethod = new Map<string, RouteMatch>()
  const anyAt = routes.findIndex((route) => route.methods === null)
  for (const route of routes)
    for (const method of route.methods ?? []) {
      if (byMethod.has(method)) continue
      const at = routes.findIndex((r) => r.methods === null || r.methods.has(method))
      byMethod.set(method, freeze(matches[at]!))
    }
  const any = anyAt === -1 ? undefined : freeze(matches[anyAt]!)
  return {
    get: byMethod.get('GET') ?? any,
    byMethod,
    any,
    allowed: anyAt === -1 ? allowList(routes) : undefined,
  }
}

/** A static path always yields the same arguments, so one frozen copy is shared by every request. */
function freeze(match: RouteMatch): RouteMatch {
  Object.freeze(match.args[0])
  Object.freeze(match.args[1])
  Object.freeze(match.args)
  return Object.freeze(match)
}
