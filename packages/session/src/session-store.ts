/** What a session holds: JSON values by name. */
export type SessionData = Record<string, unknown>

/**
 * Where server-side sessions live; the cookie then holds only a signed, random session id. Each
 * method may be async. `set` replaces the whole record and (re)starts its time to live, so a
 * rolling session calls it again to extend its life; `get` of an expired or unknown id resolves to
 * `undefined`.
 *
 * @example
 * const store: SessionStore = memoryStore()
 * await store.set('id', { user: 'ada' }, 3600)
 */
export interface SessionStore {
  /** The data stored under `id`, or `undefined` if there is none or it expired. */
  get(id: string): Promise<SessionData | undefined>
  /** Stores `data` under `id` for `ttl` seconds, replacing what was there. */
  set(id: string, data: SessionData, ttl: number): Promise<void>
  /** Removes the session `id`; resolves also when there was none. */
  destroy(id: string): Promise<void>
}
