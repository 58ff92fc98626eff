// The compression payloads: a 64 KiB JSON document (sent whole) and 16 MiB of text streamed in
// 64 KiB chunks. Both deterministic and realistically compressible (about 4:1 with gzip), never
// a repeated block that a large window would fold to nothing.
import { createHash } from 'node:crypto'

const WORDS = (
  'the of and to in is was for on that with as by at from his her an which this be are have or ' +
  'had not but were they one all their there been has when who will more no if out so said what ' +
  'up its about into than them can only other new some could time these two may then do first ' +
  'any my now such like our over man me even most made after also did many before must through'
).split(' ')

// Each word as bytes, with a space after it, and with a full stop and a newline after it.
const SPACED = WORDS.map((word) => Buffer.from(`${word} `))
const ENDED = WORDS.map((word) => Buffer.from(`${word}.\n`))

/** Deterministic pseudo-random text of `size` bytes (a linear congruential generator). */
function text(size, seed) {
  const out = Buffer.allocUnsafe(size + 16)
  let state = seed
  let offset = 0
  while (offset < size) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    const pick = state >>> 16 // the high bits: an LCG's low bits repeat with a short period
    const piece = (pick % 17 === 0 ? ENDED : SPACED)[pick % WORDS.length]
    out.set(piece, offset)
    offset += piece.length
  }
  return out.subarray(0, size)
}

function json() {
  const items = []
  let size = 2 // the brackets
  for (let id = 0; ; id++) {
    const item = { id, name: `user ${id}`, email: `user${id}@example.com`, bio: text(60, id + 1).toString() }
    const added = JSON.stringify(item).length + (id === 0 ? 0 : 1)
    if (size + added > 64 * 1024) break
    size += added
    items.push(item)
  }
  return Buffer.from(JSON.stringify(items))
}

/** The JSON response: just under 64 KiB. */
export const JSON_BODY = json()
export const JSON_TEXT = JSON_BODY.toString()

export const TEXT_CHUNK_SIZE = 64 * 1024
export const TEXT_CHUNK_COUNT = 256
export const TEXT_TOTAL = TEXT_CHUNK_SIZE * TEXT_CHUNK_COUNT

/** The 16 MiB text as 256 distinct 64 KiB chunks, made once per process. */
export function textChunks() {
  const whole = text(TEXT_TOTAL, 42)
  return Array.from({ length: TEXT_CHUNK_COUNT }, (_, index) =>
    whole.subarray(index * TEXT_CHUNK_SIZE, (index + 1) * TEXT_CHUNK_SIZE),
  )
}

/** What a correct decoded text download hashes to: `<bytes>:<sha256>`. */
export function textDigest() {
  const hash = createHash('sha256')
  for (const chunk of textChunks()) hash.update(chunk)
  return `${TEXT_TOTAL}:${hash.digest('hex')}`
}
