import { describe } from './_internal/describe.js'
import { type WrapHooks, wrapBody } from './_internal/wrap-body.js'
import type { App, Body, Chunk, Environ, HeaderList, StartResponse } from './types.js'

/** How a wrapped response ended, reported once to {@link TransformHooks.finally}. */
export interface BodyOutcome {
  /** The status code of the last `startResponse` call that passed through, if any. */
  status: number | undefined
  /** What the app or its body threw and no `error` hook replaced; `undefined` if nothing. */
  error: unknown
  /** Whether the body was stopped before its end (client gone, HEAD, Content-Length reached). */
  aborted: boolean
}

/**
 * Hooks for {@link transform}. Each is optional, receives the request's environ last, and is
 * called synchronously, so a sync body stays sync. See {@link AsyncTransformHooks} for `chunk` and
 * `end` hooks that return promises.
 */
export interface TransformHooks {
  /**
   * Whether `chunk` and `end` may return promises; `false` keeps a sync body sync.
   * @default false
   */
  async?: false
  /**
   * Sees each `startResponse` call; returns a replacement `[status, headers]`, or nothing to pass
   * the call on unchanged. Return a new header list, never a mutated one (spec §4.3).
   * @default undefined (calls pass through)
   */
  start?(
    status: string,
    headers: HeaderList,
    excInfo: unknown,
    environ: Environ,
  ): readonly [string, HeaderList] | undefined
  /**
   * Maps each chunk. When present, the response's bytes may change, so `content-length` is
   * dropped from the headers (spec §5.5). Empty chunks are passed too (spec §7.2).
   * @default undefined (chunks pass through, byte for byte)
   */
  chunk?(chunk: Chunk, environ: Environ): Chunk
  /**
   * Called after the inner body's last chunk; a chunk it returns is sent last. Its presence also
   * drops `content-length`.
   * @default undefined
   */
  end?(environ: Environ): Chunk | undefined
  /**
   * Called when the app throws, its promise rejects, or its body throws while iterated. It may
   * call `startResponse` with the error as `excInfo` (spec §4.5) and return the chunks that end
   * the response; returning `undefined` rethrows the error.
   * @default undefined (errors propagate)
   */
  error?(error: unknown, environ: Environ, startResponse: StartResponse): Iterable<Chunk> | undefined
  /**
   * Called exactly once when the response is over: after the wrapped body's `close()`, or when
   * an error propagates with no body to close.
   * @default undefined
   */
  finally?(outcome: BodyOutcome, environ: Environ): void
}

/**
 * Hooks for {@link transform} whose `chunk` and `end` may return promises (compression, hashing).
 * The wrapped body is then async whatever the inner body is, arrays included, and pulls the inner
 * body's next chunk only after the previous chunk's promise has settled, so backpressure reaches
 * the app (spec §5.2). A rejected promise fails the body like a throwing hook: the inner body is
 * stopped with `return()` and the `error` hook may replace the rest of the response.
 */
export interface AsyncTransformHooks extends Omit<TransformHooks, 'async' | 'chunk' | 'end'> {
  /** Marks the hooks as async. */
  async: true
  /**
   * Maps each chunk, possibly later; otherwise as {@link TransformHooks.chunk}.
   * @default undefined
   */
  chunk?(chunk: Chunk, environ: Environ): Chunk | PromiseLike<Chunk>
  /**
   * Called after the inner body's last chunk, possibly settling later; otherwise as
   * {@link TransformHooks.end}.
   * @default undefined
   */
  end?(environ: Environ): Chunk | undefined | PromiseLike<Chunk | undefined>
}

/**
 * Wraps an app to watch or change its response (spec §7): the status and headers, each chunk, an
 * extra last chunk, errors, and the end. It keeps to the middleware rules for you: it returns as
 * soon as the inner app returns, a sync body stays sync (an array stays an array when only
 * `start` and `error` are given), each inner chunk yields one chunk, the inner `close()` is forwarded exactly
 * once, and `return()` is forwarded on an early stop (spec §5.4).
 *
 * @throws {TypeError} if `app` is not a function or a hook is not a function.
 * @example
 * const poweredBy = (app: App) =>
 *   transform(app, { start: (status, headers) => [status, withHeader(headers, 'x-powered-by', 'tsgi')] })
 */
export function transform(app: App, hooks: TransformHooks | AsyncTransformHooks): App {
  if (typeof app !== 'function') throw new TypeError(`transform(): app must be a function, got ${describe(app)}`)
  if (hooks === null || typeof hooks !== 'object') {
    throw new TypeError(`transform(): hooks must be an object, got ${describe(hooks)}`)
  }
  checkHooks('transform', hooks, ['start', 'chunk', 'end', 'error', 'finally'])
  const { start, error: onError, finally: onFinally } = hooks
  const changesBytes = hooks.chunk !== undefined || hooks.end !== undefined
  // Nothing to do per chunk or at the end: bodies may be passed through untouched.
  const passThrough = !changesBytes && onError === undefined && onFinally === undefined
  const arraysPass = !changesBytes && onFinally === undefined

  return function transformed(environ, startResponse) {
    let status: number | undefined
    const wrappedStart: StartResponse = (line, headers, excInfo) => {
      const replaced = start?.(line, headers, excInfo, environ)
      if (replaced !== undefined) [line, headers] = replaced
      if (changesBytes) headers = withoutContentLength(headers)
      status = Number.parseInt(line, 10)
      if (excInfo === undefined) startResponse(line, headers)
      else startResponse(line, headers, excInfo)
    }
    // The error page goes through the same startResponse as the app's own response, so `start`
    // and the Content-Length rule apply to it and its status is the one reported.
    const inner =
      start || changesBytes
        ? wrappedStart
        : onFinally
          ? trackStatus(startResponse, (code) => (status = code))
          : startResponse
    const report = (error: unknown, aborted: boolean): void => onFinally?.({ status, error, aborted }, environ)
    const fail = (thrown: unknown): Body => {
      const replacement = onError?.(thrown, environ, inner)
      if (replacement === undefined) {
        report(thrown, false)
        throw thrown
      }
      // The replacement is the hook's own page: it is not mapped by `chunk` or extended by `end`.
      return onFinally === undefined
        ? (replacement as Body)
        : wrapBody(replacement as Body, { chunk: undefined, end: undefined, error: undefined, finally: report })
    }
    const finish = (body: Body): Body => {
      // An array cannot fail while iterated: with no chunk, end or finally hook it passes through
      // untouched, so the server still sends it with a Content-Length in one write (spec §5.5).
      if (passThrough || (arraysPass && Array.isArray(body))) return body
      try {
        return mapBody(body, hooks.async === true, {
          chunk: hooks.chunk && ((chunk: Chunk) => hooks.chunk!(chunk, environ)),
          end: hooks.end && (() => hooks.end!(environ)),
          error: onError && ((thrown: unknown) => onError(thrown, environ, inner)),
          finally: report,
        })
      } catch (thrown) {
        // Not a body at all (spec §5.1): an error of the app's, like a throw.
        return fail(thrown)
      }
    }
    let result: Body | Promise<Body>
    try {
      result = app(environ, inner)
    } catch (thrown) {
      return fail(thrown)
    }
    return isPromise(result) ? result.then(finish, fail) : finish(result)
  }
}

/**
 * Applies `fn` to an app's result, synchronously when the result is a body and after it resolves
 * when it is a promise, so a sync app stays sync through a middleware (spec §7.5).
 *
 * @throws {TypeError} if `fn` is not a function.
 * @example
 * return whenBody(app(environ, startResponse), (body) => countBytes(body))
 */
export function whenBody(result: Body | Promise<Body>, fn: (body: Body) => Body): Body | Promise<Body> {
  if (typeof fn !== 'function') throw new TypeError(`whenBody(): fn must be a function, got ${describe(fn)}`)
  return isPromise(result) ? result.then(fn) : fn(result)
}

/** The hooks {@link transformBody} takes: those of `transform` that act on the body alone. */
export type BodyTransformHooks = Omit<TransformHooks, 'start' | 'error'> | Omit<AsyncTransformHooks, 'start' | 'error'>

/**
 * The body half of {@link transform}, for a middleware that decides per response whether to change
 * the body (after seeing its headers, say): wraps one body so each chunk passes through
 * `chunk`, `end` adds a last chunk and `finally` runs once at `close()`, keeping the body's kind
 * unless the hooks are async (then the body is async). The inner `close()` is forwarded exactly
 * once and `return()` on an early stop (spec §5.4). The caller drops `content-length` itself when
 * the bytes change. `finally` sees `status: undefined`, as no status passes through here.
 *
 * @throws {TypeError} if `body` is not a body (spec §5.1) or a hook is not a function.
 * @example
 * return transformBody(body, { chunk: (chunk) => upperCase(chunk) }, environ)
 */
export function transformBody(body: Body, hooks: BodyTransformHooks, environ: Environ): Body {
  if (hooks === null || typeof hooks !== 'object') {
    throw new TypeError(`transformBody(): hooks must be an object, got ${describe(hooks)}`)
  }
  checkHooks('transformBody', hooks, ['chunk', 'end', 'finally'])
  const onFinally = hooks.finally as TransformHooks['finally']
  return mapBody(body, hooks.async === true, {
    chunk: hooks.chunk && ((chunk: Chunk) => hooks.chunk!(chunk, environ)),
    end: hooks.end && (() => hooks.end!(environ)),
    error: undefined,
    finally: (error, aborted) => onFinally?.call(hooks, { status: undefined, error, aborted }, environ),
  })
}

function checkHooks(caller: string, hooks: object, names: readonly string[]): void {
  for (const name of names) {
    const hook = (hooks as Record<string, unknown>)[name]
    if (hook !== undefined && typeof hook !== 'function') {
      throw new TypeError(`${caller}(): hooks.${name} must be a function, got ${describe(hook)}`)
    }
  }
  const flag = (hooks as { async?: unknown }).async
  if (flag !== undefined && typeof flag !== 'boolean') {
    throw new TypeError(`${caller}(): hooks.async must be a boolean, got ${describe(flag)}`)
  }
}

/** What {@link mapBody} does around a body: {@link WrapHooks} whose chunk and end may be async. */
interface MapHooks extends Omit<WrapHooks, 'chunk' | 'end'> {
  chunk: ((chunk: Chunk) => Chunk | PromiseLike<Chunk>) | undefined
  end: (() => Chunk | undefined | PromiseLike<Chunk | undefined>) | undefined
}

/** Sync hooks keep the body's kind (no promise on the sync path); async hooks make it async. */
function mapBody(body: Body, async: boolean, hooks: MapHooks): Body {
  if (!async) return wrapBody(body, hooks as WrapHooks)
  if (
    body === null ||
    typeof body !== 'object' ||
    body instanceof Uint8Array ||
    (typeof (body as AsyncIterable<Chunk>)[Symbol.asyncIterator] !== 'function' &&
      typeof (body as Iterable<Chunk>)[Symbol.iterator] !== 'function')
  ) {
    throw new TypeError(`A body must be an iterable of Uint8Array chunks (spec §5.1), got ${describe(body)}`)
  }
  return wrapBody(new AsyncView(body, hooks), {
    chunk: undefined,
    end: undefined,
    error: hooks.error,
    finally: hooks.finally,
  })
}

function trackStatus(startResponse: StartResponse, record: (code: number) => void): StartResponse {
  return (line, headers, excInfo) => {
    record(Number.parseInt(line, 10))
    if (excInfo === undefined) startResponse(line, headers)
    else startResponse(line, headers, excInfo)
  }
}

function withoutContentLength(headers: HeaderList): HeaderList {
  return headers.some(([name]) => name.length === 14 && name.toLowerCase() === 'content-length')
    ? headers.filter(([name]) => name.toLowerCase() !== 'content-length')
    : headers
}

function isPromise(value: unknown): value is Promise<Body> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}

type Step = IteratorResult<Chunk>
const DONE: Step = Object.freeze({ done: true, value: undefined })

/**
 * An async view of a sync or async body that runs the async `chunk` and `end` hooks inside its
 * own `next()`. Core's body wrapper goes around it with the sync hooks, so a rejected hook is, to
 * the wrapper, a failing inner body: the same `return()`, `error` hook, `close()` and `finally`
 * rules apply (spec §5.4) and live in one place. One pull of the inner body per pull (spec §5.2).
 */
class AsyncView implements AsyncIterable<Chunk>, AsyncIterator<Chunk> {
  private inner: Iterator<Chunk> | AsyncIterator<Chunk> | undefined
  private readonly body: Body
  private readonly hooks: MapHooks

  constructor(body: Body, hooks: MapHooks) {
    this.body = body
    this.hooks = hooks
  }

  [Symbol.asyncIterator](): AsyncIterator<Chunk> {
    const body = this.body as AsyncIterable<Chunk> & Iterable<Chunk>
    this.inner =
      typeof body[Symbol.asyncIterator] === 'function' ? body[Symbol.asyncIterator]() : body[Symbol.iterator]()
    return this
  }

  async next(): Promise<Step> {
    if (this.inner === undefined) return DONE
    const step = await this.inner.next()
    if (!step.done) return this.hooks.chunk ? { done: false, value: await this.hooks.chunk(step.value) } : step
    this.inner = undefined
    const last = await this.hooks.end?.()
    return last === undefined ? DONE : { done: false, value: last }
  }

  async return(): Promise<Step> {
    const current = this.inner
    this.inner = undefined
    await current?.return?.()
    return DONE
  }

  close(): void | Promise<void> {
    return this.body.close?.()
  }
}
