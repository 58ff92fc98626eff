import type { Body } from '@tsgi/core'
import { LintError } from '../lint-error.js'
import { checkHeadersUnchanged } from './check-response-head.js'
import { type LintState, violation } from './state.js'

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
  // What the server did with the iterator, for close()'s order check (spec §5.4.3, §5.4.7).
  const use: IteratorUse = { obtained: false, over: undefined, pending: false }
  const closer = (): void | Promise<void> => {
    if (state.closed) throw violation(state, new LintError('the server must call a body’s close() exactly once', '5.4'))
    if (use.obtained && use.over === undefined && !use.pending) {
      // An early stop is return() then close(); close() first only while a next() is pending (spec §5.4.7).
      throw violation(
        state,
        new LintError('the server must call return() before close() when it stops a body early', '5.4'),
      )
    }
    state.closed = true
    const result = typeof close === 'function' ? (close.call(source) as unknown) : undefined
    if (result !== null && typeof result === 'object' && typeof (result as Promise<void>).then === 'function') {
      return (result as Promise<void>).then((value) => {
        checkInnerClosed(state)
        return value
      })
    }
    checkInnerClosed(state)
    return result as undefined
  }
  state.parent?.bodies.push(state)
  if (Array.isArray(body)) return lintArray(body, state, closer)
  const method = isAsync ? Symbol.asyncIterator : Symbol.iterator
  return {
    [method]: (): AnyIterator => {
      if (state.closed) throw new LintError('the server must not iterate a body after close()', '5.4')
      if (use.obtained) throw violation(state, new LintError('the server must iterate a body at most once', '5.3'))
      use.obtained = true
      return lintIterator((source[method] as () => AnyIterator).call(source), state, isAsync, use)
    },
    close: closer,
  } as unknown as Body
}

/** How the consumer used a body's iterator so far. */
interface IteratorUse {
  obtained: boolean
  /** Why no next() may follow (spec §5.3.2), once one of return(), done or a throw happened. */
  over: string | undefined
  /** Whether an async next() is pending. */
  pending: boolean
}

/** A middleware closes the bodies of the apps it wraps when its own is closed (spec §5.4.1, §7.1.4). */
function checkInnerClosed(state: LintState): void {
  for (const inner of state.record.bodies) {
    if (!inner.closed) {
      throw violation(
        state,
        new LintError('a middleware must close the body of the app it wraps, on every path', '7.1'),
      )
    }
  }
}

/**
 * An array stays an array for the server's fast path (spec §5.5.1), checked at once. It is a
 * Proxy over a copy, so that a server iterating it a second time (or copying it by iteration),
 * or reading it after close(), is seen (spec §5.3, §5.4).
 */
function lintArray(body: readonly unknown[], state: LintState, close: () => void | Promise<void>): Body {
  // On a violation the server gets no body to close, so lint closes the app's body itself.
  try {
    for (const chunk of body) checkChunk(chunk, state)
    checkEnd(state)
  } catch (error) {
    const result = close()
    if (result instanceof Promise) result.catch(() => {})
    throw error
  }
  let iterations = 0
  const target = Object.assign(body.slice() as Uint8Array[], { close })
  return new Proxy(target, {
    get(array, key, receiver) {
      if (key === Symbol.iterator) {
        // Counted when called, not when read: `typeof body[Symbol.iterator]` is no iteration.
        const iterate = Reflect.get(array, key, receiver) as () => Iterator<unknown>
        return function iterator(this: unknown): Iterator<unknown> {
          if (state.closed) throw new LintError('the server must not iterate a body after close()', '5.4')
          if (++iterations > 1) {
            throw violation(state, new LintError('the server must iterate a body at most once', '5.3'))
          }
          eager(state)
          return iterate.call(this)
        }
      }
      if (state.closed && typeof key === 'string' && key !== 'close' && key !== 'length') {
        throw new LintError('the server must not read a body after close()', '5.4', key)
      }
      return Reflect.get(array, key, receiver)
    },
  }) as unknown as Body
}

/** A middleware iterates the inner body only inside the iteration of its own (spec §7.1.1). */
function eager(state: LintState): void {
  if (state.parent !== undefined && !state.parent.returned) {
    throw violation(
      state,
      new LintError('a middleware must not iterate the inner body before it returns its own result', '7.1'),
    )
  }
}

/** A middleware yields at least once per chunk it pulls from the inner body (spec §7.2.1). */
function perChunk(state: LintState): void {
  const parent = state.parent
  if (parent === undefined || parent.server || !parent.returned) return
  if (++parent.innerPulls > 1) {
    throw violation(
      state,
      new LintError('a middleware must yield at least once per chunk it pulls from the inner body', '7.2'),
    )
  }
}

function lintIterator(iterator: AnyIterator, state: LintState, isAsync: boolean, use: IteratorUse): AnyIterator {
  const check = (result: IteratorResult<unknown>): IteratorResult<unknown> => {
    use.pending = false
    if (result === null || typeof result !== 'object') {
      use.over = 'after the iterator failed'
      throw new LintError('a body iterator’s next() must return an iterator result', '5.2', result)
    }
    if (result.done) use.over = 'after the iterator reported done'
    else state.record.innerPulls = 0 // this layer yielded: its app may pull the next inner chunk
    try {
      if (result.done) checkEnd(state)
      else checkChunk(result.value, state)
    } catch (error) {
      // The server sees an error from next(); stop the app's iterator here, as it may only close().
      if (!result.done) stop(iterator)
      use.over ??= 'after next() threw'
      throw error
    }
    return result
  }
  const threw = (error: unknown): never => {
    use.pending = false
    use.over ??= 'after next() threw'
    throw error
  }
  return {
    next: () => {
      if (state.closed) throw new LintError('the server must not call next() after close()', '5.4')
      if (use.over !== undefined) throw new LintError(`the server must not call next() ${use.over}`, '5.3')
      if (use.pending) {
        throw violation(state, new LintError('the server must not call next() while a next() is pending', '5.2'))
      }
      let result: unknown
      try {
        // A violation here is a next() that threw, to the consumer as to lint.
        eager(state)
        perChunk(state)
        result = iterator.next()
      } catch (error) {
        threw(error)
      }
      if (!isAsync) return check(result as IteratorResult<unknown>)
      use.pending = true
      return Promise.resolve(result).then((settled) => check(settled as IteratorResult<unknown>), threw)
    },
    return: (value?: unknown) => {
      if (use.over === 'after the iterator reported done') {
        throw violation(
          state,
          new LintError('the server must not call return() after the iterator reported done', '5.4'),
        )
      }
      use.over ??= 'after return()'
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
