import { HTTPError } from '@tsgi/core'

// HTTPErrors that HTTPError.from made around something else. Their own stack only points into
// the middleware, so traces start at their cause instead (see errorTrace).
const wrappers = new WeakSet<object>()

/** `HTTPError.from(thrown)`, remembering when the result is a new wrapper around `thrown`. */
export function normalise(thrown: unknown): HTTPError {
  const error = HTTPError.from(thrown)
  if (error !== thrown) wrappers.add(error)
  return error
}

/** Whether `error` is a wrapper made by {@link normalise}, whose `cause` is what was thrown. */
export function isWrapper(error: unknown): boolean {
  return typeof error === 'object' && error !== null && wrappers.has(error)
}
