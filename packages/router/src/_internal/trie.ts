import type { CompiledRoute } from './compiled-route.js'
import { NullObject } from './null-object.js'
import { bucketOf, insert, type Leaf, type Node, newNode, type Segment } from './trie-node.js'

export type { Leaf, Segment } from './trie-node.js'

/** One trie match: the leaf and the segment values, in the order of `leaf.names`. */
export interface TrieHit {
  leaf: Leaf
  values: string[]
}

/** What {@link createTrie} returns. */
export interface SegmentTrie {
  /** Adds a route's segments; routes must be added in index order. */
  insert(segments: readonly Segment[], route: CompiledRoute): void
  /**
   * The lowest-index route matching `path` that accepts `method` (any route when `method` is
   * `null`); its parameters are then in `params()`. Right after a search for a method that
   * reached no route at all, the same path with `null` is answered without searching again.
   */
  find(path: string, method: string | null): Leaf | undefined
  /** The parameters of the leaf the last `find(path)` returned, by name (a new object each time). */
  params(path: string): Record<string, string>
  /** Every route matching `path`, whatever its methods (for 405, OPTIONS and build-time tables). */
  findAll(path: string): TrieHit[]
}

const SLASH = 47

/**
 * A segment trie for patterns made of whole segments. Matching is the same as path-to-regexp's
 * expression for the pattern (case-sensitive, parameters never empty, an optional trailing `/`
 * when `trailing`), but costs one step per path segment and trie node visited, never a
 * backtracking expression: every node is visited at most once per lookup.
 */
export function createTrie(trailing: boolean): SegmentTrie {
  const root = newNode()
  // Per-lookup state in the closure: a lookup is synchronous and never calls user code; `params()`
  // reads what the `find()` just before it left, in the same synchronous step.
  let path = ''
  let method: string | null = null
  let bestIndex = Infinity
  let bestLeaf: Leaf | undefined
  // Where each value collected so far starts and ends, and those of the best leaf: positions,
  // not strings, so a value is sliced only once its route has won.
  const starts: number[] = []
  const ends: number[] = []
  const bestStarts: number[] = []
  const bestEnds: number[] = []
  let all: TrieHit[] | undefined
  // Whether the current search reached any leaf, whatever its methods.
  let reached = false
  // The last path no route of the trie matches, whatever the method. That stays true until the
  // next insert, so the 404 path (match, then allowed) searches once.
  let lastMiss: string | undefined

  // Recursion only where the search may come back (a static child and a parameter, or a
  // parameter and a wildcard, at one node); a single way down is a loop.
  function search(node: Node, pos: number, count: number): void {
    const length = path.length
    for (;;) {
      if (node.min >= bestIndex) return
      // pos is the index of the '/' before the next segment, or the end of the path.
      if (pos >= length - 1) {
        if (pos === length) {
          if (node.end.length > 0) take(node.end, count)
          return
        }
        if (trailing && node.end.length > 0) take(node.end, count)
      }
      const start = pos + 1
      const param = node.param
      const wild = node.wild.length > 0
      const child = node.buckets === undefined ? undefined : staticChild(node.buckets, start)
      if (child !== undefined) {
        const end = start + child.key.length
        if (param === undefined && !wild) {
          node = child
          pos = end
          continue
        }
        search(child, end, count)
      }
      if (start === length) return
      if (param !== undefined) {
        let end = path.indexOf('/', start)
        if (end === -1) end = length
        if (end > start) {
          starts[count] = start
          ends[count] = end
          if (!wild) {
            node = param
            pos = end
            count++
            continue
          }
          search(param, end, count + 1)
        }
      }
      if (wild) {
        starts[count] = start
        ends[count] = length
        take(node.wild, count + 1)
      }
      return
    }
  }

  /** The static child whose key is the segment at `start`: the key, then a segment boundary. */
  function staticChild(buckets: (Node[] | undefined)[], start: number): Node | undefined {
    const length = path.length
    const bucket = buckets[bucketOf(start < length ? path.charCodeAt(start) : SLASH)]
    if (bucket === undefined) return undefined
    for (let i = 0; i < bucket.length; i++) {
      const child = bucket[i]!
      const end = start + child.key.length
      if (end <= length && (end === length || path.charCodeAt(end) === SLASH) && path.startsWith(child.key, start)) {
        return child
      }
    }
    return undefined
  }

  function take(leaves: Leaf[], count: number): void {
    for (let i = 0; i < leaves.length; i++) {
      const leaf = leaves[i]!
      reached = true
      if (all !== undefined) {
        all.push({ leaf, values: values(count) })
        continue
      }
      if (leaf.route.index >= bestIndex) return
      const methods = leaf.route.methods
      if (methods === null || method === null || methods.has(method)) {
        bestIndex = leaf.route.index
        bestLeaf = leaf
        // Copied now: a later branch may overwrite the shared positions before the search ends.
        for (let j = 0; j < count; j++) {
          bestStarts[j] = starts[j]!
          bestEnds[j] = ends[j]!
        }
        return
      }
    }
  }

  function values(count: number): string[] {
    const list: string[] = []
    for (let i = 0; i < count; i++) list.push(path.slice(starts[i]!, ends[i]!))
    return list
  }

  return {
    insert(segments, route) {
      insert(root, segments, route)
      lastMiss = undefined
    },

    find(input, requestMethod) {
      if (input.charCodeAt(0) !== SLASH || (requestMethod === null && input === lastMiss)) return undefined
      path = input
      method = requestMethod
      bestIndex = Infinity
      bestLeaf = undefined
      reached = false
      search(root, 0, 0)
      // No leaf taken means nothing was pruned: the search saw every route matching the path.
      if (!reached) lastMiss = input
      return bestLeaf
    },

    params(input) {
      const params = new NullObject()
      const names = bestLeaf!.names
      for (let i = 0; i < names.length; i++) params[names[i]!] = input.slice(bestStarts[i]!, bestEnds[i]!)
      return params
    },

    findAll(input) {
      const found: TrieHit[] = []
      if (input.charCodeAt(0) !== SLASH) return found
      path = input
      bestIndex = Infinity
      all = found
      try {
        search(root, 0, 0)
      } finally {
        all = undefined
      }
      return found
    },
  }
}
