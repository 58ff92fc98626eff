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
  let aborted = false
  let reason: unknown
  let controller: AbortController | undefined
  const state: AbortState = {
    get aborted() {
      return aborted
    },
    get signal() {
      if (controller === undefined) {
        controller = new AbortController()
        if (aborted) controller.abort(reason)
      }
      return controller.signal
    },
  }
  return {
    state,
    abort(why?: unknown) {
      if (aborted) return
      aborted = true
      reason = why ?? new DOMException('The client went away before the response finished', 'AbortError')
      controller?.abort(reason)
    },
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
