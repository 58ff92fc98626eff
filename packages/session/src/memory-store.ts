import { describeValue, ServiceUnavailable } from '@tsgi/core'
import type { SessionData, SessionStore } from './session-store.js'

/** Options for {@link memoryStore}. */
export interface MemoryStoreOptions {
  /**
   * The most sessions kept at once. A new session past it, once expired ones are swept, is a 503:
   * a limit that fails, rather than one that logs other users out.
   * @default 10000
   */
  maxSessions?: number
}

const SWEEP_EVERY_MS = 60_000

/**
 * A {@link SessionStore} in this process's memory, for tests and development: sessions are lost
 * on restart and not shared between processes. Each record is kept as JSON, so what the app does
 * to an object after storing it does not change the store. Expired sessions are dropped when
 * read, and swept at most once a minute when one is written.
 *
 * @throws {RangeError} if `maxSessions` is not a positive integer.
 * @example
 * const app = session(routes, { secret, store: memoryStore() })
 */
export function memoryStore(options: MemoryStoreOptions = {}): SessionStore {
  const { maxSessions = 10_000 } = options
  if (!Number.isSafeInteger(maxSessions) || maxSessions < 1) {
    throw new RangeError(
      `memoryStore(): options.maxSessions must be a positive integer, got ${describeValue(maxSessions)}`,
    )
  }
  const records = new Map<string, { json: string; expires: number }>()
  let lastSweep = Date.now()
  const sweep = (now: number): void => {
    lastSweep = now
    for (const [id, record] of records) if (record.expires <= now) records.delete(id)
  }
  return {
    async get(id) {
      const record = records.get(id)
      if (record === undefined) return undefined
      if (record.expires > Date.now()) return JSON.parse(record.json) as SessionData
      records.delete(id)
      return undefined
    },
    async set(id, data, ttl) {
      const now = Date.now()
      if (now - lastSweep >= SWEEP_EVERY_MS || (!records.has(id) && records.size >= maxSessions)) sweep(now)
      if (!records.has(id) && records.size >= maxSessions) {
        throw new ServiceUnavailable(`memoryStore(): ${maxSessions} sessions already (options.maxSessions)`)
      }
      records.set(id, { json: JSON.stringify(data), expires: now + ttl * 1000 })
    },
    async destroy(id) {
      records.delete(id)
    },
  }
}
