import { BadRequest, describeValue } from '@tsgi/core'

/**
 * The request body as a server reads it: at most Content-Length bytes, and a read that rejects
 * with a 400 if the body ends short of them (spec §3.1: never end quietly).
 */
export async function* readChunks(
  source: Iterator<Uint8Array> | AsyncIterator<Uint8Array>,
  declared: number | undefined,
): AsyncGenerator<Uint8Array, void, undefined> {
  let left = declared ?? Number.POSITIVE_INFINITY
  let ended = false
  try {
    while (left > 0) {
      const result = await source.next()
      if (result.done) {
        ended = true
        break
      }
      const chunk: unknown = result.value
      if (!(chunk instanceof Uint8Array)) {
        throw new TypeError(`the request body's chunks must be Uint8Array, got ${describeValue(chunk)}`)
      }
      const part = chunk.length > left ? chunk.subarray(0, left) : chunk
      left -= part.length
      if (part.length > 0) yield part
    }
  } finally {
    if (!ended) await source.return?.()
  }
  if (declared !== undefined && left > 0) {
    throw new BadRequest('The request body ended before its Content-Length')
  }
}
