import type { CompiledRoute } from './compiled-route.js'
import { NullObject } from './null-object.js'

/** A path segment of a simple pattern: literal text, a whole-segment `:param`, or a final `*wildcard`. */
export type Segment =
  | { kind: 'static'; value: string }
  | { kind: 'param'; name: string }
  | { kind: 'wild'; name: string }

/** Where a route ends in the trie, with the names of the values collected on the way. */
export interface Leaf {
  route: CompiledRoute
  names: readonly string[]
}

/** One trie match: the leaf and the segment values, in the order of `leaf.names`. */
export interface TrieHit {
  leaf: Leaf
  values: string[]
}

interface Node {
  /** The static segment leading here (`''` for the root and parameter nodes). */
  key: string
  statics: Map<string, Node> | undefined
  /**
   * The same children bucketed by the first character code of their key (128 for the rest, 0
   * for the empty key). A lookup scans one short bucket in place: slicing the segment and hashing
   * it for a Map lookup was the most expensive step of a search.
   */
  buckets: (Node[] | undefined)[] | undefined
  param: Node | undefined
  end: Leaf[]
  wild: Leaf[]
  /** Lowest route index below this node, so a search can skip subtrees that cannot win. */
  min: number
}

const newNode = (key = ''): Node => ({
  key,
  statics: undefined,
  buckets: undefined,
  param: undefined,
  end: [],
  wild: [],
  min: Infinity,
})

const bucketOf = (text: string, at: number, size: number): number => {
  if (size === 0) return 0
  const code = text.charCodeAt(at)
  return Math.min(code, 128)
}

/** What {@link createTrie} returns. */
export interface SegmentTrie {
  /** Adds a route's segments; routes must be added in index order. */
  insert(segments: readonly Segment[], route: CompiledRoute): void
  /** The lowest-index route matching `path` that accepts `method`; its parameters are then in `params()`. */
  find(path: string, method: string): Leaf | undefined
  /** The parameters of the leaf the last `find()` returned, by name (a new object each time). */
  params(): Record<string, string>
  /** Every route matching `path`, whatever its methods (for 405, OPTIONS and build-time tables). */
  findAll(path: string): TrieHit[]
}

/**
 * A segment trie for patterns made of whole segments. Matching is the same as path-to-regexp's
 * expression for the pattern (case-sensitive, parameters never empty, an optional trailing `/`
 * when `trailing`), but costs one step per path segment and trie node visited, never a
 * backtracking expression: every node is visited at most once per lookup.
 */
export function createTrie(trailing: boolean): SegmentTrie {
  const root = newNode()
  // Per-lookup state in the closure; lookups are synchronous and never call user code.
  let path = ''
  let method = ''
  let bestIndex = Infinity
  let bestLeaf: Leaf | undefined
  let bestParams: Record<string, string> = new NullObject()
  const values: string[] = []
  let all: TrieHit[] | undefined

  function search(node: Node, pos: number, count: number): void {
    if (node.min >= bestIndex) return
    const length = path.length
    // pos is the index of the '/' before the next segment, or the end of the path.
    if (pos === length || (trailing && pos === length - 1)) {
      if (node.end.length > 0) take(node.end, count)
      if (pos === length) return
    }
    const start = pos + 1
    let end = path.indexOf('/', start)
    if (end === -1) end = length
    if (node.buckets !== undefined) {
      const size = end - start
      const bucket = node.buckets[bucketOf(path, start, size)]
      if (bucket !== undefined) {
        for (let i = 0; i < bucket.length; i++) {
          const child = bucket[i]!
          if (child.key.length === size && path.startsWith(child.key, start)) {
            search(child, end, count)
            break
          }
        }
      }
    }
    if (node.param !== undefined && end > start) {
      values[count] = path.slice(start, end)
      search(node.param, end, count + 1)
    }
    if (node.wild.length > 0 && start < length) {
      values[count] = path.slice(start)
      take(node.wild, count + 1)
    }
  }

  function take(leaves: Leaf[], count: number): void {
    for (const leaf of leaves) {
      if (all !== undefined) {
        all.push({ leaf, values: values.slice(0, count) })
        continue
      }
      if (leaf.route.index >= bestIndex) return
      const methods = leaf.route.methods
      if (methods === null || methods.has(method)) {
        bestIndex = leaf.route.index
        bestLeaf = leaf
        // Built now: a later branch may overwrite the shared values before the search ends.
        const params = new NullObject()
        const names = leaf.names
        for (let i = 0; i < names.length; i++) params[names[i]!] = values[i]!
        bestParams = params
        return
      }
    }
  }

  return {
    insert(segments, route) {
      let node = root
      const names: string[] = []
      for (const segment of segments) {
        node.min = Math.min(node.min, route.index)
        if (segment.kind === 'wild') {
          names.push(segment.name)
          node.wild.push({ route, names })
          return
        }
        if (segment.kind === 'param') {
          names.push(segment.name)
          node = node.param ??= newNode()
        } else {
          node.statics ??= new Map()
          let child = node.statics.get(segment.value)
          if (child === undefined) {
            const { value } = segment
            node.statics.set(value, (child = newNode(value)))
            node.buckets ??= new Array<Node[] | undefined>(129).fill(undefined)
            ;(node.buckets[bucketOf(value, 0, value.length)] ??= []).push(child)
          }
          node = child
        }
      }
      node.min = Math.min(node.min, route.index)
      node.end.push({ route, names })
    },

    find(input, requestMethod) {
      if (input.charCodeAt(0) !== 47 /* / */) return undefined
      path = input
      method = requestMethod
      bestIndex = Infinity
      bestLeaf = undefined
      search(root, 0, 0)
      return bestLeaf
    },

    params() {
      return bestParams
    },

    findAll(input) {
      const found: TrieHit[] = []
      if (input.charCodeAt(0) !== 47) return found
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
