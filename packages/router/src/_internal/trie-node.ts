import type { CompiledRoute } from './compiled-route.js'

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

/** One node of the segment trie; every node has the same shape, so the search stays monomorphic. */
export interface Node {
  /** The static segment leading here (`''` for the root and parameter nodes). */
  key: string
  /**
   * The static children bucketed by the first character code of their key (128 for the rest, 0
   * for the empty key). A lookup scans one short bucket in place, comparing the key against the
   * path where the segment starts: no slice, no hash, and no search for the segment's end.
   */
  buckets: (Node[] | undefined)[] | undefined
  param: Node | undefined
  end: Leaf[]
  wild: Leaf[]
  /** Lowest route index below this node, so a search can skip subtrees that cannot win. */
  min: number
}

export const newNode = (key = ''): Node => ({
  key,
  buckets: undefined,
  param: undefined,
  end: [],
  wild: [],
  min: Infinity,
})

const SLASH = 47

/**
 * The bucket of a segment starting with character `code` (`SLASH` for an empty segment: a key
 * never holds a `/`, so the empty key shares bucket 0 with the rare NUL).
 */
export const bucketOf = (code: number): number => (code === SLASH ? 0 : Math.min(code, 128))

/** Adds a route's segments under `root`; routes must be added in index order. */
export function insert(root: Node, segments: readonly Segment[], route: CompiledRoute): void {
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
      continue
    }
    const { value } = segment
    node.buckets ??= new Array<Node[] | undefined>(129).fill(undefined)
    const bucket = (node.buckets[bucketOf(value.length === 0 ? SLASH : value.charCodeAt(0))] ??= [])
    let child = bucket.find((candidate) => candidate.key === value)
    if (child === undefined) bucket.push((child = newNode(value)))
    node = child
  }
  node.min = Math.min(node.min, route.index)
  node.end.push({ route, names })
}
