import type { CookieSealer } from '@tsgi/cookies'
import type { SessionData } from '../session-store.js'
import type { Storage } from './state.js'

/**
 * The default storage: the session is the cookie, sealed (AES-GCM, see `cookieSealer`). The
 * sealed JSON carries its own expiry, so a cookie kept past `maxAge` (or replayed) is refused by
 * the server, not only dropped by a well-behaved browser.
 */
export function sealedCookieStorage(sealer: CookieSealer, name: string, maxAge: number): Storage {
  return {
    async load(cookie) {
      const json = await sealer.unseal(name, cookie)
      if (json === undefined) return undefined
      const payload = JSON.parse(json) as { e?: unknown; d?: unknown } // authenticated: our own JSON
      if (typeof payload.e !== 'number' || payload.e <= Date.now()) return undefined
      return { id: undefined, data: payload.d as SessionData }
    },
    save(_id, data) {
      return sealer.seal(name, JSON.stringify({ e: Date.now() + maxAge * 1000, d: data }))
    },
    async destroy() {
      // Nothing on the server: deleting the cookie is all there is.
    },
  }
}
