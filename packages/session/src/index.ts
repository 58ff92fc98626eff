/**
 * @module
 * Sessions for tsgi apps: `session(app, { secret })` puts a lazily loaded {@link Session} on
 * `environ['tsgi.session']`, kept in a sealed cookie or in a store (`memoryStore`, `postgresStore`).
 *
 * @example
 * import { session, sessionOf } from '@tsgi/session'
 */

export { type MemoryStoreOptions, memoryStore } from './memory-store.js'
export { type PostgresClient, type PostgresStore, type PostgresStoreOptions, postgresStore } from './postgres-store.js'
export { DEFAULT_SESSION_MAX_AGE, type SessionOptions, session } from './session.js'
export { Session } from './session-object.js'
export { sessionOf } from './session-of.js'
export type { SessionData, SessionStore } from './session-store.js'
