/** `pieces` as one array: the piece itself when there is one (no copy), else a copy of them all. */
export function concat(pieces: readonly Uint8Array[]): Uint8Array {
  if (pieces.length === 1) return pieces[0]!
  let size = 0
  for (const piece of pieces) size += piece.length
  const out = new Uint8Array(size)
  let offset = 0
  for (const piece of pieces) {
    out.set(piece, offset)
    offset += piece.length
  }
  return out
}
