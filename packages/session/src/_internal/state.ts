import type { Environ } from '@tsgi/core'
import type { SessionData } from '../session-store.js'

/** What a session was loaded from, and where it is written back (the sealed cookie or a store). */
export interface Storage {
  /** The data and id behind a cookie value, or `undefined` if it is invalid, forged or expired. */
  load(cookie: string): Promise<{ id: string | undefined; data: SessionData } | undefined>
  /** Writes the data back (under `id`, or a new id when `undefined`) and resolves to the new cookie value. */
  save(id: string | undefined, data: SessionData): Promise<string>
  /** Forgets the session `id` (a no-op for the sealed cookie, which lives only in the client). */
  destroy(id: string | undefined): Promise<void>
}

/** The state of one request's session, shared by the `Session` object and the middleware. */
export interface SessionState {
  readonly storage: Storage
  readonly environ: Environ
  readonly cookieName: string
  /** The request's session cookie, read on load; `undefined` if it sent none. */
  cookie: string | undefined
  loading: Promise<void> | undefined
  loaded: boolean
  data: SessionData
  /** The data as loaded, as JSON, to tell whether it changed (nested changes included). */
  loadedJson: string
  id: string | undefined
  isNew: boolean
  regenerated: boolean
  destroyed: boolean
  /** Set once the app has returned: the Set-Cookie header is decided, so changes are an error. */
  frozen: boolean
}

export function createState(storage: Storage, environ: Environ, cookieName: string): SessionState {
  return {
    storage,
    environ,
    cookieName,
    cookie: undefined,
    loading: undefined,
    loaded: false,
    data: Object.create(null) as SessionData,
    loadedJson: '{}',
    id: undefined,
    isNew: true,
    regenerated: false,
    destroyed: false,
    frozen: false,
  }
}
