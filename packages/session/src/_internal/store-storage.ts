import type { CookieSigner } from '@tsgi/cookies'
import type { SessionStore } from '../session-store.js'
import type { Storage } from './state.js'

/**
 * Server-side sessions: the cookie holds a random id (122 random bits, `crypto.randomUUID`),
 * signed, so a forged or guessed id is refused before the store is asked.
 */
export function storeStorage(store: SessionStore, signer: CookieSigner, name: string, maxAge: number): Storage {
  return {
    async load(cookie) {
      const id = await signer.unsign(name, cookie)
      if (id === undefined) return undefined
      const data = await store.get(id)
      return data === undefined ? undefined : { id, data }
    },
    async save(id, data) {
      const key = id ?? crypto.randomUUID()
      await store.set(key, data, maxAge)
      return signer.sign(name, key)
    },
    async destroy(id) {
      if (id !== undefined) await store.destroy(id)
    },
  }
}
