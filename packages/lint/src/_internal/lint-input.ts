import type { ErrorStream } from '@tsgi/core'
import { LintError } from '../lint-error.js'

/**
 * Wraps `tsgi.input` to check both sides of it (spec §3.1): the app iterates it at most once and
 * reads one chunk at a time; the server's iterator yields only `Uint8Array` chunks.
 */
export function lintInput(input: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  let iterated = false
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      if (iterated) throw new LintError('tsgi.input may be iterated only once; keep the bytes you need', '3.1')
      iterated = true
      const iterator = input[Symbol.asyncIterator]()
      let reading = false
      return {
        next(): Promise<IteratorResult<Uint8Array>> {
          if (reading) throw new LintError('tsgi.input must be read one chunk at a time (await each next())', '3.1')
          reading = true
          return Promise.resolve(iterator.next()).then(
            (result) => {
              reading = false
              if (result === null || typeof result !== 'object') {
                throw new LintError("the server's tsgi.input next() must resolve to an iterator result", '3.1', result)
              }
              if (!result.done && !(result.value instanceof Uint8Array)) {
                throw new LintError("the server's tsgi.input must yield Uint8Array chunks", '3.1', result.value)
              }
              return result
            },
            (error: unknown) => {
              reading = false
              throw error
            },
          )
        },
        return(value?: unknown): Promise<IteratorResult<Uint8Array>> {
          return iterator.return
            ? Promise.resolve(iterator.return(value))
            : Promise.resolve({ done: true, value: undefined })
        },
      }
    },
  }
}

/** Wraps `tsgi.errors` to check that the app writes text to it (spec §3.3). */
export function lintErrors(errors: ErrorStream): ErrorStream {
  return {
    write(text: string): void {
      if (typeof text !== 'string') throw new LintError('tsgi.errors.write() takes a string', '3.3', text)
      errors.write(text)
    },
  }
}
