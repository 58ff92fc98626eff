import type { Chunk } from '@tsgi/core'

/** The chunks as one, copied once; a single chunk is returned as is. */
export function concat(chunks: readonly Chunk[]): Chunk {
  if (chunks.length === 1) return chunks[0]!
  let size = 0
  for (const chunk of chunks) size += chunk.length
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}
