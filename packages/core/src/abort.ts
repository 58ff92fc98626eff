import { describe } from './_internal/describe.js'
import type { AbortState, Environ } from './types.js'

/** A `tsgi.abort` object and the switch a server pulls when the client goes away. */
export interface AbortHandle {
  /** The object to put in the environ as `tsgi.abort`. */
  readonly state: AbortState
  /** Marks the request aborted; aborts the signal only if someone asked for it. Idempotent. */
  abort(reason?: unknown): void
}

/**
 * Makes the `tsgi.abort` object for one request (spec §3.4). An `AbortController` costs about a
 * tenth of a whole request, so the signal is created on first read of `signal`; `aborted` is
 * always free to read. For servers and test clients.
 *
 * @example
 * const abort = createAbort()
 * req.once('close', () => { if (!res.writableFinished) abort.abort() })
 */
export function createAbort(): AbortHandle {
  return new AbortSwitch()
}

const GONE = 'The client went away before the response finished'

/**
 * The `tsgi.abort` object. A class, not a literal with accessors: a literal's getters are made
 * anew for every request, which cost more than the rest of the environ (measured on @tsgi/node's
 * hello world); prototype getters cost nothing per request.
 */
class LazyAbortState implements AbortState {
  /** @internal */ isAborted = false
  /** @internal */ reason: unknown = undefined
  /** @internal */ controller: AbortController | undefined = undefined

  get aborted(): boolean {
    return this.isAborted
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController()
      if (this.isAborted) this.controller.abort(this.reason)
    }
    return this.controller.signal
  }
}

/** The server's side: the state it puts in the environ, and the switch it keeps to itself. */
class AbortSwitch implements AbortHandle {
  readonly state: LazyAbortState = new LazyAbortState()

  abort(why?: unknown): void {
    const state = this.state
    if (state.isAborted) return
    state.isAborted = true
    state.reason = why ?? new DOMException(GONE, 'AbortError')
    state.controller?.abort(state.reason)
  }
}

/**
 * Returns the request's `AbortSignal`, aborted when the client goes away before the response
 * finished (spec §3.4). Creating it is deferred until this call.
 *
 * @throws {TypeError} if `environ` is not an object or `environ['tsgi.abort']` is missing.
 * @example
 * const rows = await db.query(sql, { signal: abortSignal(environ) })
 */
export function abortSignal(environ: Pick<Environ, 'tsgi.abort'>): AbortSignal {
  if (environ === null || typeof environ !== 'object') {
    throw new TypeError(`abortSignal(): environ must be an environ object, got ${describe(environ)}`)
  }
  const state = environ['tsgi.abort']
  if (state === null || typeof state !== 'object') {
    throw new TypeError(`abortSignal(): environ['tsgi.abort'] must be an abort object, got ${describe(state)}`)
  }
  return state.signal
}
