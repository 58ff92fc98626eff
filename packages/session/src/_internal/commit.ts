import { type CookieOptions, serializeCookie } from '@tsgi/cookies'
import type { SessionState } from './state.js'

/** What `session()` resolved from its options, once, when it was built. */
export interface CommitSettings {
  readonly rolling: boolean
  readonly maxAge: number
  /** The cookie attributes, `secure` aside. */
  readonly cookie: Omit<CookieOptions, 'maxAge' | 'expires' | 'secure'>
  readonly secure: boolean | 'auto'
}

/** Browsers keep a cookie's name and value up to 4096 bytes (RFC 6265 §6.1) and drop a larger one silently. */
const MAX_COOKIE_BYTES = 4096

/**
 * Writes the session back if it changed (or always, for a non-empty rolling session) and
 * resolves to the `Set-Cookie` value to send, or `undefined` for none.
 *
 * @throws {RangeError} if the sealed cookie would be larger than 4096 bytes: failing loudly beats
 * a browser silently dropping the cookie and logging the user out.
 */
export async function commit(state: SessionState, settings: CommitSettings): Promise<string | undefined> {
  if (!state.loaded) return undefined
  const json = JSON.stringify(state.data) // a BigInt or a cycle throws here, loudly
  const changed = json !== state.loadedJson || state.regenerated || state.destroyed
  if (!changed && !(settings.rolling && json !== '{}')) return undefined
  if (state.regenerated || state.destroyed) {
    await state.storage.destroy(state.id)
    state.id = undefined
  }
  const secure = settings.secure === 'auto' ? state.environ['tsgi.url_scheme'] === 'https' : settings.secure
  const attributes = { ...settings.cookie, secure }
  if (json === '{}') {
    // An emptied session: delete the cookie the client holds; a new, empty one is never sent.
    return state.cookie === undefined
      ? undefined
      : serializeCookie(state.cookieName, '', { ...attributes, maxAge: 0, expires: new Date(0) })
  }
  const value = await state.storage.save(state.id, state.data)
  const size = state.cookieName.length + 1 + value.length
  if (size > MAX_COOKIE_BYTES) {
    throw new RangeError(
      `session(): the session cookie '${state.cookieName}' would be ${size} bytes, over the ${MAX_COOKIE_BYTES} ` +
        'bytes browsers keep (RFC 6265 §6.1); keep less in the session, or pass a store',
    )
  }
  return serializeCookie(state.cookieName, value, { ...attributes, maxAge: settings.maxAge })
}
