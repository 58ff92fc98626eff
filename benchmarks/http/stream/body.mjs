// The streaming payload: 64 MiB as 1024 chunks of 64 KiB, byte i of a chunk being i mod 256.
import { createHash } from 'node:crypto'

export const CHUNK_SIZE = 64 * 1024
export const CHUNK_COUNT = 1024
export const TOTAL = CHUNK_SIZE * CHUNK_COUNT

/** One 64 KiB chunk; servers send the same bytes 1024 times, never copied. */
export function makeChunk() {
  const chunk = Buffer.allocUnsafe(CHUNK_SIZE)
  for (let index = 0; index < CHUNK_SIZE; index++) chunk[index] = index & 255
  return chunk
}

/** What a correct download hashes to: `<bytes>:<sha256>`. */
export function downloadDigest() {
  const hash = createHash('sha256')
  const chunk = makeChunk()
  for (let index = 0; index < CHUNK_COUNT; index++) hash.update(chunk)
  return `${TOTAL}:${hash.digest('hex')}`
}

/** What a correct upload server answers: the number of bytes it read. */
export const uploadDigest = `200:${TOTAL}`
