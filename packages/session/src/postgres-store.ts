import { describeValue } from '@tsgi/core'
import type { SessionData, SessionStore } from './session-store.js'

/**
 * What {@link postgresStore} needs of a client: `query(text, params)` resolving to `{ rows }`.
 * A PGlite instance, a node-postgres `Pool` or `Client` all fit.
 */
export interface PostgresClient {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>
}

/** Options for {@link postgresStore}. */
export interface PostgresStoreOptions {
  /** The table, a plain lower-case SQL identifier. @default 'tsgi_sessions' */
  table?: string
  /** Create the table and its index if they are missing, on first use. @default true */
  createTable?: boolean
  /** Seconds between sweeps of expired rows, run from `set`. 0 turns the automatic sweep off. @default 300 */
  sweepInterval?: number
}

/** A {@link SessionStore} on Postgres, with `sweep()` to delete expired rows on demand. */
export interface PostgresStore extends SessionStore {
  /** Deletes every expired row and resolves to how many there were. */
  sweep(): Promise<number>
}

/**
 * A {@link SessionStore} in a Postgres table (`id text primary key, data jsonb, expires_at
 * timestamptz`), with plain SQL that runs the same on a Postgres server and on PGlite. Expiry is
 * checked on read (an expired row is never returned) and expired rows are swept from `set`, at
 * most once per `sweepInterval`. Times come from this process's clock, as the cookie's do.
 *
 * @throws {TypeError} / {RangeError} for a client without `query`, or a bad option.
 * @example
 * import { PGlite } from '@electric-sql/pglite'
 * const app = session(routes, { secret, store: postgresStore(new PGlite()) })
 */
export function postgresStore(client: PostgresClient, options: PostgresStoreOptions = {}): PostgresStore {
  if (typeof client?.query !== 'function') {
    throw new TypeError(`postgresStore(): client must have a query() method, got ${describeValue(client)}`)
  }
  const { table = 'tsgi_sessions', createTable = true, sweepInterval = 300 } = options
  if (typeof table !== 'string' || !/^[a-z_][a-z0-9_]{0,62}$/.test(table)) {
    throw new TypeError(
      `postgresStore(): options.table must be a lower-case SQL identifier, got ${describeValue(table)}`,
    )
  }
  if (typeof sweepInterval !== 'number' || !(sweepInterval >= 0)) {
    throw new RangeError(
      `postgresStore(): options.sweepInterval must be seconds >= 0, got ${describeValue(sweepInterval)}`,
    )
  }
  let ready: Promise<unknown> | undefined
  // The table is created once, on first use; a failure is not cached, so the next call tries again.
  const query = async (text: string, params: unknown[]): Promise<unknown[]> => {
    if (createTable) {
      ready ??= createTableIn(client, table).catch((error: unknown) => {
        ready = undefined
        throw error
      })
      await ready
    }
    return (await client.query(text, params)).rows
  }
  let lastSweep = Date.now()
  const sweep = async (): Promise<number> => {
    lastSweep = Date.now()
    return (await query(`DELETE FROM ${table} WHERE expires_at <= $1::timestamptz RETURNING id`, [iso(0)])).length
  }
  return {
    async get(id) {
      const rows = await query(`SELECT data FROM ${table} WHERE id = $1 AND expires_at > $2::timestamptz`, [id, iso(0)])
      return (rows[0] as { data: SessionData } | undefined)?.data
    },
    async set(id, data, ttl) {
      if (sweepInterval > 0 && Date.now() - lastSweep >= sweepInterval * 1000) await sweep()
      await query(
        `INSERT INTO ${table} (id, data, expires_at) VALUES ($1, $2::jsonb, $3::timestamptz)
         ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at`,
        [id, JSON.stringify(data), iso(ttl)],
      )
    },
    async destroy(id) {
      await query(`DELETE FROM ${table} WHERE id = $1`, [id])
    },
    sweep,
  }
}

// Two statements, two queries: a parameterised query (PGlite's, node-postgres' with params) runs one statement.
async function createTableIn(client: PostgresClient, table: string): Promise<void> {
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${table} (id text PRIMARY KEY, data jsonb NOT NULL, expires_at timestamptz NOT NULL)`,
  )
  await client.query(`CREATE INDEX IF NOT EXISTS ${table}_expires_at ON ${table} (expires_at)`)
}

/** Now plus `seconds`, as an ISO timestamp for a `timestamptz` parameter. */
function iso(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString()
}
