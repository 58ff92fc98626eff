import { describe } from './_internal/describe.js'

/**
 * The chunks as one `Uint8Array`, copied once; a single chunk is returned as it is (no copy), and
 * no chunk gives an empty array. The one join that `readBody`, the test client and the body
 * parsers and encoders use.
 *
 * @throws {TypeError} if `chunks` is not an array.
 * @example
 * concatBytes([new Uint8Array([1, 2]), new Uint8Array([3])]) // Uint8Array [1, 2, 3]
 */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (!Array.isArray(chunks)) throw new TypeError(`concatBytes(): chunks must be an array, got ${describe(chunks)}`)
  if (chunks.length === 1) return chunks[0] as Uint8Array
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
