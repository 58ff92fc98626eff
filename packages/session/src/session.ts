import { type CookieOptions, cookieSealer, cookieSigner, type Secret, serializeCookie } from '@tsgi/cookies'
import {
  type App,
  type Body,
  describeValue,
  type ErrorStream,
  type HeaderList,
  isHeaderName,
  type StartResponse,
} from '@tsgi/core'
import { type CommitSettings, commit } from './_internal/commit.js'
import { sealedCookieStorage } from './_internal/sealed-cookie-storage.js'
import { createState, type Storage } from './_internal/state.js'
import { storeStorage } from './_internal/store-storage.js'
import { Session } from './session-object.js'
import type { SessionStore } from './session-store.js'

declare module '@tsgi/core' {
  interface EnvironExtensions {
    /** Set by `session()`: this request's session, loaded on first use (`await sessionOf(environ)`). */
    'tsgi.session'?: Session
  }
}

/** Options for {@link session}. One of `secret` or `secrets` is required. */
export interface SessionOptions {
  /** The secret that seals the cookie (or signs the session id, with a store); at least 32 bytes. */
  secret?: Secret
  /** Secrets, newest first, for rotation: write with the first, read with any. Replaces `secret`. */
  secrets?: readonly Secret[]
  /** The cookie's name; `__Host-session` is a good choice on https (with `cookie: { secure: true }`). @default 'session' */
  cookieName?: string
  /** Seconds a session lives after it was last written: the cookie's `Max-Age`, the sealed expiry, the store's TTL. @default 1209600 (14 days) */
  maxAge?: number
  /** Rolling expiry: write a non-empty session back on every request that loaded it, so it expires `maxAge` after the last use. @default false */
  rolling?: boolean
  /** Server-side storage; the cookie then holds a signed id. @default undefined (the session is the sealed cookie) */
  store?: SessionStore
  /**
   * The cookie's attributes. `secure: 'auto'` sets `Secure` when `tsgi.url_scheme` is https.
   * @default { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' }
   */
  cookie?: Omit<CookieOptions, 'maxAge' | 'expires' | 'secure'> & { secure?: boolean | 'auto' }
}

/**
 * The default lifetime of a session: 14 days, in seconds.
 *
 * @example
 * session(routes, { secret, maxAge: DEFAULT_SESSION_MAX_AGE * 2 })
 */
export const DEFAULT_SESSION_MAX_AGE: number = 14 * 24 * 60 * 60

/**
 * Sessions for the wrapped app: `environ['tsgi.session']` is a {@link Session}, loaded on first
 * use, and written back (as a `Set-Cookie` header) only when it changed. By default the session
 * is the cookie itself, sealed with AES-GCM (the client can neither read nor forge it) and at
 * most 4096 bytes; with a `store`, the cookie holds a signed random id. Cookies are `HttpOnly`,
 * `SameSite=Lax`, `Path=/`, and `Secure` on https, by default.
 *
 * The `Set-Cookie` header is decided when the app returns its body: a `startResponse` call made
 * before that is held until the session is written (sealing and stores are async); one made
 * later (a generator body) gets the header decided at return. Changing the session after the app
 * returned throws (see {@link Session}). The app stays synchronous when the session is not used.
 *
 * @throws {TypeError} / {RangeError} at once for a missing or short secret, or a bad option.
 * @example
 * const app = session(routes, { secrets: [process.env.SESSION_SECRET!], maxAge: 60 * 60 * 24 })
 */
export function session(app: App, options: SessionOptions): App {
  if (typeof app !== 'function') throw new TypeError(`session(): app must be a function, got ${describeValue(app)}`)
  const { storage, cookieName, settings } = resolve(options)

  return function session(environ, startResponse) {
    const state = createState(storage, environ, cookieName)
    // Our own key, set in place just before the call (spec §2.4.5). It holds a handle, not a value
    // computed from the request (§2.4.6): nothing is read until the app loads it.
    environ['tsgi.session'] = new Session(state)
    let held: [string, HeaderList, unknown] | undefined
    let cookie: string | undefined
    let returned = false
    const start: StartResponse = (status, headers, excInfo) => {
      if (returned) return startResponse(status, withCookie(headers, cookie), excInfo)
      if (held !== undefined && excInfo === undefined) {
        throw new TypeError('startResponse() called a second time without excInfo (spec §4.5.5)')
      }
      held = [status, headers, excInfo]
    }
    const finish = (body: Body): Body | Promise<Body> => {
      returned = true
      state.frozen = true
      if (!state.loaded) return release(body)
      return commit(state, settings).then(
        (value) => {
          cookie = value
          return release(body)
        },
        (error: unknown) => closeThenThrow(body, error, environ['tsgi.errors']),
      )
    }
    // Forwards the held call, if the app made one before it returned; later calls go straight through.
    const release = (body: Body): Body => {
      if (held === undefined) return body
      try {
        startResponse(held[0], withCookie(held[1], cookie), held[2])
      } catch (error) {
        // The server refused the held headers: the body is ours to close (spec §7.1.4).
        void closeLogging(body, environ['tsgi.errors'])
        throw error
      }
      return body
    }
    let result: Body | Promise<Body>
    try {
      result = app(environ, start)
    } catch (error) {
      state.frozen = true
      throw error
    }
    if (!isPromise(result)) return finish(result)
    return result.then(finish, (error: unknown) => {
      state.frozen = true
      throw error
    })
  }
}

function resolve(options: SessionOptions): { storage: Storage; cookieName: string; settings: CommitSettings } {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`session(): options must be an object with a secret, got ${describeValue(options)}`)
  }
  const { secret, secrets, cookieName = 'session', maxAge = DEFAULT_SESSION_MAX_AGE, rolling = false, store } = options
  const keys = secrets ?? secret
  if (keys === undefined) throw new TypeError('session(): options.secret or options.secrets is required')
  if (!isHeaderName(cookieName)) {
    throw new TypeError(`session(): options.cookieName must be a token, got ${describeValue(cookieName)}`)
  }
  if (!Number.isSafeInteger(maxAge) || maxAge <= 0) {
    throw new RangeError(
      `session(): options.maxAge must be a positive integer of seconds, got ${describeValue(maxAge)}`,
    )
  }
  if (typeof rolling !== 'boolean') {
    throw new TypeError(`session(): options.rolling must be a boolean, got ${describeValue(rolling)}`)
  }
  const { secure = 'auto', ...cookie } = options.cookie ?? {}
  if (secure !== 'auto' && typeof secure !== 'boolean') {
    throw new TypeError(`session(): options.cookie.secure must be true, false or 'auto', got ${describeValue(secure)}`)
  }
  // Every attribute checked now, not on the first request ('auto' may mean Secure, so it is checked as such).
  serializeCookie(cookieName, '', { ...cookie, secure: secure !== false, maxAge })
  if (store !== undefined && !['get', 'set', 'destroy'].every((m) => typeof (store as never)[m] === 'function')) {
    throw new TypeError(`session(): options.store must have get, set and destroy methods, got ${describeValue(store)}`)
  }
  const storage =
    store === undefined
      ? sealedCookieStorage(cookieSealer(keys), cookieName, maxAge)
      : storeStorage(store, cookieSigner(keys), cookieName, maxAge)
  return { storage, cookieName, settings: { rolling, maxAge, cookie, secure } }
}

function withCookie(headers: HeaderList, cookie: string | undefined): HeaderList {
  return cookie === undefined ? headers : [...headers, ['set-cookie', cookie]]
}

/** The body is ours to close when the session could not be written (spec §7.1.4); then the error goes on. */
async function closeThenThrow(body: Body, error: unknown, errors: ErrorStream): Promise<never> {
  await closeLogging(body, errors)
  throw error
}

/** Closes a body we will not return; what `close()` throws is logged, as a server logs it, not lost. */
async function closeLogging(body: Body, errors: ErrorStream): Promise<void> {
  try {
    await body.close?.()
  } catch (closeError) {
    errors.write(`session(): closing the body of a failed response threw: ${String(closeError)}\n`)
  }
}

function isPromise(value: unknown): value is Promise<Body> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}
