// What the response driver needs to know about an app's result (spec §1.2.2, §5.1, §5.2).

export type AnyIterator = Iterator<unknown> | AsyncIterator<unknown>

/** Gets the body's iterator: the async one if it has one, else the sync one (spec §5.2.2). */
export function openIterator(body: unknown, asyncIterator: unknown): AnyIterator {
  if (body === null || typeof body !== 'object' || body instanceof Uint8Array) throw notIterable(body)
  if (typeof asyncIterator === 'function') return asyncIterator.call(body)
  const syncIterator = (body as Iterable<unknown>)[Symbol.iterator]
  if (typeof syncIterator !== 'function') throw notIterable(body)
  return syncIterator.call(body)
}

function notIterable(body: unknown): TypeError {
  const what =
    typeof body === 'string'
      ? 'a string'
      : body instanceof Uint8Array
        ? 'a bare Uint8Array (wrap it: [bytes])'
        : body === null
          ? 'null'
          : typeof body === 'object'
            ? 'an object that is not iterable'
            : typeof body
  return new TypeError(`The app must return an iterable of Uint8Array chunks (spec §5.1), got ${what}`)
}

export function badChunk(chunk: unknown, index: number): TypeError {
  const what = chunk === null ? 'null' : typeof chunk === 'string' ? 'a string' : typeof chunk
  const which = index >= 0 ? `Body chunk ${index}` : 'A body chunk'
  return new TypeError(`${which} must be a Uint8Array (spec §5.1), got ${what}`)
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  )
}
