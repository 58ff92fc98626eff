import type { Token } from 'path-to-regexp'
import type { Segment } from './trie.js'

type Flat = Exclude<Token, { type: 'group' }>

/** Expands optional groups into every sequence they stand for, as path-to-regexp does (≤ 256). */
export function expandGroups(tokens: readonly Token[]): Flat[][] {
  let sequences: Flat[][] = [[]]
  for (const token of tokens) {
    if (token.type === 'group') {
      const inner = expandGroups(token.tokens)
      // path-to-regexp tries "with the group" first; the order does not matter to the trie.
      sequences = sequences.flatMap((sequence) => [...inner.map((part) => [...sequence, ...part]), sequence])
    } else {
      for (const sequence of sequences) sequence.push(token)
    }
  }
  return sequences
}

/**
 * Splits a flat token sequence into whole segments, or returns `undefined` when the sequence
 * needs a regular expression (a parameter sharing its segment with text or another parameter,
 * a wildcard before the end, or a pattern not starting with `/`).
 */
export function toSegments(sequence: readonly Flat[]): Segment[] | undefined {
  const pieces: (string | Flat)[] = []
  for (const token of sequence) {
    if (token.type === 'text') pieces.push(...token.value)
    else pieces.push(token)
  }
  if (pieces[0] !== '/') return undefined
  const segments: Segment[] = []
  let current: (string | Flat)[] = []
  const close = (last: boolean): boolean => {
    if (current.every((piece) => typeof piece === 'string')) {
      segments.push({ kind: 'static', value: current.join('') })
      return true
    }
    const [only] = current
    if (current.length !== 1 || only === undefined || typeof only === 'string') return false
    if (only.type === 'param') segments.push({ kind: 'param', name: only.name })
    else if (only.type === 'wildcard' && last) segments.push({ kind: 'wild', name: only.name })
    else return false
    return true
  }
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i]!
    if (piece === '/') {
      if (!close(false)) return undefined
      current = []
    } else {
      current.push(piece)
    }
  }
  return close(true) ? segments : undefined
}
