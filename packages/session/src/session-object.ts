import { cookiesOf } from '@tsgi/cookies'
import type { SessionState } from './_internal/state.js'
import type { SessionData } from './session-store.js'

/**
 * One request's session: `environ['tsgi.session']`, set by the `session()` middleware. It is loaded
 * on first use (`await session.load()`, or `await sessionOf(environ)`), so a request that never
 * asks pays nothing. Values are JSON (what `JSON.stringify` keeps); a change, nested ones
 * included, is written back when the app returns its body, and only then.
 *
 * Changes must be made before the app returns its body: the `Set-Cookie` header is decided at
 * that point (its value needs async crypto or a store write, and the headers may not wait for the
 * body), so a change made later (from inside a generator body, say) throws instead of being lost.
 *
 * @example
 * const session = await sessionOf(environ)
 * session.set('visits', (session.get<number>('visits') ?? 0) + 1)
 */
export class Session {
  readonly #state: SessionState

  /** @internal Created by the `session()` middleware, once per request. */
  constructor(state: SessionState) {
    this.#state = state
  }

  /** Loads the session (once; later calls return the same promise) and resolves to it. */
  load(): Promise<this> {
    const state = this.#state
    state.loading ??= load(state)
    return state.loading.then(() => this)
  }

  /** Whether there was no valid session in the request (none, forged, expired), or it was regenerated. */
  get isNew(): boolean {
    return this.#loaded('isNew').isNew
  }

  /** The value stored under `key`, or `undefined`. */
  get<T = unknown>(key: string): T | undefined {
    const { data } = this.#loaded('get')
    return Object.hasOwn(data, key) ? (data[key] as T) : undefined
  }

  /** Whether a value is stored under `key`. */
  has(key: string): boolean {
    return Object.hasOwn(this.#loaded('has').data, key)
  }

  /** Stores a JSON value under `key`; `undefined` removes it. */
  set(key: string, value: unknown): void {
    const { data } = this.#changing('set')
    if (value === undefined) delete data[key]
    else data[key] = value
  }

  /** Removes the value under `key`. */
  delete(key: string): void {
    delete this.#changing('delete').data[key]
  }

  /** Removes every value; an empty session deletes its cookie. */
  clear(): void {
    this.#changing('clear').data = Object.create(null) as SessionData
  }

  /** A copy of every value, as a plain object. */
  toJSON(): SessionData {
    return { ...this.#loaded('toJSON').data }
  }

  /**
   * Keeps the values under a new session id (a new cookie), and forgets the old id: call it when
   * the user logs in or gains rights, so an id planted before (session fixation, OWASP) is worth
   * nothing.
   */
  regenerate(): void {
    const state = this.#changing('regenerate')
    state.regenerated = true
    state.isNew = true
  }

  /** Ends the session: forgets its id in the store, removes every value and deletes the cookie (log out). */
  destroy(): void {
    const state = this.#changing('destroy')
    state.destroyed = true
    state.data = Object.create(null) as SessionData
  }

  #loaded(method: string): SessionState {
    if (!this.#state.loaded) {
      throw new TypeError(`session.${method}(): the session is not loaded; call \`await session.load()\` first`)
    }
    return this.#state
  }

  #changing(method: string): SessionState {
    const state = this.#loaded(method)
    if (state.frozen) {
      throw new Error(
        `session.${method}(): the app already returned its body, so the Set-Cookie header is decided; ` +
          'change the session before returning the body (not inside a body generator)',
      )
    }
    return state
  }
}

async function load(state: SessionState): Promise<void> {
  state.cookie = cookiesOf(state.environ)[state.cookieName]
  const loaded = state.cookie === undefined ? undefined : await state.storage.load(state.cookie)
  if (loaded !== undefined) {
    state.data = Object.assign(Object.create(null) as SessionData, loaded.data)
    state.loadedJson = JSON.stringify(state.data)
    state.id = loaded.id
    state.isNew = false
  }
  state.loaded = true
}
