import type { Body } from '@tsgi/core'
import { LintError } from '../lint-error.js'
import { checkHeadersUnchanged } from './check-response-head.js'
import type { LintState } from './state.js'

type AnyIterator = Iterator<unknown> | AsyncIterator<unknown>
type Source = { [Symbol.iterator]?: unknown; [Symbol.asyncIterator]?: unknown; close?: unknown }

/**
 * Checks what an app returned and wraps it so the server's use of it is checked too (spec §5):
 * an array is checked at once and copied (the server keeps its indexed fast path); any other
 * iterable gets a wrapper of the same kind, so a sync body stays sync.
 */
export function lintBody(body: unknown, state: LintState): Body {
  if (body === null || body === undefined) {
    throw new LintError('the app must return a body, if only []', '5.2', body)
  }
  if (typeof body === 'string')
    throw new LintError('the body must be an iterable of Uint8Array, not a string', '5.1', body)
  if (body instanceof Uint8Array) {
    throw new LintError(
      'the body must be an iterable of Uint8Array chunks, not one bare Uint8Array (wrap it: [bytes])',
      '5.1',
      body,
    )
  }
  const source = body as Source
  const close = source.close
  if (close !== undefined && typeof close !== 'function') {
    throw new LintError('a body’s close must be a function', '5.4', close)
  }
  const isAsync = typeof source[Symbol.asyncIterator] === 'function'
  if (!isAsync && typeof source[Symbol.iterator] !== 'function') {
    if (typeof close === 'function') close.call(source)
    throw new LintError('the body must be a sync or async iterable', '5.2', body)
  }
  const closer = (): void | Promise<void> => {
    if (state.closed) throw new LintError('the server must call a body’s close() exactly once', '5.4')
    state.closed = true
    return typeof close === 'function' ? close.call(source) : undefined
  }
  if (Array.isArray(body)) return lintArray(body, state, closer)
  const method = isAsync ? Symbol.asyncIterator : Symbol.iterator
  let iterated = false
  return {
    [method]: (): AnyIterator => {
      if (state.closed) throw new LintError('the server must not iterate a body after close()', '5.4')
      if (iterated) throw new LintError('the server must iterate a body at most once', '5.3')
      iterated = true
      return lintIterator((source[method] as () => AnyIterator).call(source), state, isAsync)
    },
    close: closer,
  } as unknown as Body
}

function lintArray(body: readonly unknown[], state: LintState, close: () => void | Promise<void>): Body {
  // The server sends an array at once, so every rule about chunks can be checked now. On a
  // violation the server gets no body to close, so lint closes the app's body itself.
  try {
    for (const chunk of body) checkChunk(chunk, state)
    checkEnd(state)
  } catch (error) {
    const result = close()
    if (result instanceof Promise) result.catch(() => {})
    throw error
  }
  return Object.assign(body.slice() as Uint8Array[], { close })
}

function lintIterator(iterator: AnyIterator, state: LintState, isAsync: boolean): AnyIterator {
  // Set once the server called return() or the iterator reported done: no next() may follow (spec §5.3.2).
  let over: string | undefined
  const check = (result: IteratorResult<unknown>): IteratorResult<unknown> => {
    if (result === null || typeof result !== 'object') {
      throw new LintError('a body iterator’s next() must return an iterator result', '5.2', result)
    }
    if (result.done) over = 'after the iterator reported done'
    try {
      if (result.done) checkEnd(state)
      else checkChunk(result.value, state)
    } catch (error) {
      // The server sees an error from next() and calls close() only; stop the app's iterator here.
      if (!result.done) stop(iterator)
      throw error
    }
    return result
  }
  return {
    next: () => {
      if (state.closed) throw new LintError('the server must not call next() after close()', '5.4')
      if (over !== undefined) throw new LintError(`the server must not call next() ${over}`, '5.3')
      const result = iterator.next()
      return isAsync ? Promise.resolve(result).then(check) : check(result as IteratorResult<unknown>)
    },
    return: (value?: unknown) => {
      over ??= 'after return()'
      if (iterator.return) return iterator.return(value)
      const done = { done: true as const, value }
      return isAsync ? Promise.resolve(done) : done
    },
  } as AnyIterator
}

function checkChunk(chunk: unknown, state: LintState): void {
  if (!(chunk instanceof Uint8Array)) throw new LintError('body chunks must be Uint8Array', '5.1', chunk)
  if (chunk.length === 0) return
  const head = state.head
  if (head === undefined) {
    throw new LintError('startResponse must be called before the first non-empty chunk', '4.6', chunk)
  }
  // The headers are committed with this chunk: the list the server sends must be the one it got.
  if (!state.committed) checkHeadersUnchanged(head)
  state.committed = true
  state.sent += chunk.length
  if (head.code === 204 || head.code === 304) {
    throw new LintError(`a ${head.code} response must not have a body`, '5.6', chunk)
  }
  if (state.method !== 'HEAD' && head.contentLength !== undefined && state.sent > head.contentLength) {
    throw new LintError(
      `the body must not send more bytes than its Content-Length (${head.contentLength})`,
      '5.5',
      state.sent,
    )
  }
}

function checkEnd(state: LintState): void {
  const head = state.head
  if (head === undefined) throw new LintError('startResponse must be called before the body ends', '4.6')
  checkHeadersUnchanged(head)
  if (state.method !== 'HEAD' && head.contentLength !== undefined && state.sent !== head.contentLength) {
    throw new LintError(
      `the body must send exactly its Content-Length (${head.contentLength}) bytes`,
      '5.5',
      state.sent,
    )
  }
}

/** Calls an iterator's return() without letting its outcome escape: lint is reporting an error already. */
function stop(iterator: AnyIterator): void {
  try {
    const result = iterator.return?.()
    if (result instanceof Promise) result.catch(() => {})
  } catch {
    // the violation being reported matters more than a failing return()
  }
}
