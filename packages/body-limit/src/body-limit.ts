import { type App, describeValue, emptyInput, PayloadTooLarge } from '@tsgi/core'

/**
 * Limits the request body an app may receive to `bytes`, below the server's `maxBodySize`, for
 * one route or mount, with the server's contract (spec §3.1.6, §6.4.1):
 *
 * - a declared `Content-Length` over the limit is a 413 `PayloadTooLarge`, thrown before the app
 *   runs (so an `Expect: 100-continue` client sends nothing);
 * - a body of unknown length (chunked) is counted as the app reads it: the read that would cross
 *   the limit rejects with a 413 instead of yielding, the app never sees a byte past the limit,
 *   and the input stops reading (its `return()` is called).
 *
 * A request with a declared length within the limit, or without a body, is passed on untouched
 * (the server already ends its input there); a chunked one gets a copy of the environ with a
 * counting `tsgi.input`.
 *
 * @throws {TypeError} / {RangeError} at build time for a bad app or limit.
 * @example
 * const upload = bodyLimit(saveAvatar, 256 * 1024)
 */
export function bodyLimit(app: App, bytes: number): App {
  if (typeof app !== 'function') throw new TypeError(`bodyLimit(): app must be a function, got ${describeValue(app)}`)
  if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) {
    throw new RangeError(`bodyLimit(): bytes must be a non-negative integer, got ${describeValue(bytes)}`)
  }
  const tooLarge = (): PayloadTooLarge => new PayloadTooLarge(`The request body is larger than ${bytes} bytes`)

  return function bodyLimit(environ, startResponse) {
    const declared = environ.CONTENT_LENGTH
    if (declared !== '') {
      if (Number(declared) > bytes) throw tooLarge()
      return app(environ, startResponse)
    }
    // Core's shared input of a bodiless request (spec §3.1.4) has nothing to count: no copy for a GET.
    if (environ['tsgi.input'] === emptyInput) return app(environ, startResponse)
    // No declared length: a chunked body. Count what the app reads (spec §7.4: a copy).
    return app({ ...environ, 'tsgi.input': limitedInput(environ['tsgi.input'], bytes, tooLarge) }, startResponse)
  }
}

/** The input, counted: the read that would go past `limit` rejects, and the source is stopped. */
function limitedInput(
  input: AsyncIterable<Uint8Array>,
  limit: number,
  tooLarge: () => PayloadTooLarge,
): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]() {
      // Called on the first iteration only; the source's own single-consumer rule still holds.
      const source = input[Symbol.asyncIterator]()
      let size = 0
      let over = false
      return {
        async next() {
          if (over) throw tooLarge()
          const step = await source.next()
          if (step.done) return step
          size += step.value.length
          if (size > limit) {
            over = true
            await source.return?.() // stop reading: the rest of the body is the server's to discard (spec §6.4.3)
            throw tooLarge()
          }
          return step
        },
        async return() {
          await source.return?.()
          return { done: true, value: undefined }
        },
      }
    },
  }
}
