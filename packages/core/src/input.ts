import { describe } from './_internal/describe.js'

/**
 * Makes a `tsgi.input` with a single consumer (spec §3.1): `open()` is called on the first
 * iteration only (no reader exists before it), and a second iteration throws, because the bytes
 * it would need are gone. For servers and test clients.
 *
 * @throws {TypeError} if `open` is not a function.
 * @example
 * const input = createInput(() => req[Symbol.asyncIterator]())
 */
export function createInput(open: () => AsyncIterator<Uint8Array>): AsyncIterable<Uint8Array> {
  if (typeof open !== 'function') {
    throw new TypeError(`createInput(): open must be a function returning an async iterator, got ${describe(open)}`)
  }
  let opened = false
  return {
    [Symbol.asyncIterator]() {
      if (opened) throw new TypeError('tsgi.input can be iterated only once (spec §3.1); keep the bytes you need')
      opened = true
      return open()
    },
  }
}

// One result object shared by every bodiless request, so frozen: no request can alter it for the next.
const done: Promise<IteratorResult<Uint8Array>> = Promise.resolve(Object.freeze({ done: true, value: undefined }))

/**
 * The input of a request without a body (spec §3.1): shared by every such request, it ends at
 * once, and may be iterated any number of times since there is nothing to lose.
 *
 * @example
 * for await (const chunk of emptyInput) {} // never runs
 */
export const emptyInput: AsyncIterable<Uint8Array> = Object.freeze({
  [Symbol.asyncIterator]: () => ({ next: () => done }),
})
