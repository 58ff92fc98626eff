import { readdir, readFile } from 'node:fs/promises'
import type { PGlite } from '@electric-sql/pglite'

/** `migrations/` next to `src/` (and next to `dist/` once built: one level up from either). */
export const MIGRATIONS_DIRECTORY: URL = new URL('../migrations/', import.meta.url)

// 001-users.sql: a number that orders them, then a name. Anything else in the folder is an error,
// so a misnamed file is never skipped in silence.
const MIGRATION_NAME = /^(\d{3})-[a-z0-9-]+\.sql$/

/**
 * Runs the `.sql` files of `directory` that this database has not run yet, in the order of their
 * numbers, each in its own transaction together with its row in `schema_migrations`: a migration
 * that fails leaves nothing behind and stops the start-up. Resolves to the names it ran.
 *
 * @example
 * await migrate(db) // ['001-users.sql', '002-files.sql', ...] the first time, [] afterwards
 */
export async function migrate(db: PGlite, directory: URL = MIGRATIONS_DIRECTORY): Promise<string[]> {
  const names = (await readdir(directory)).sort()
  const numbers = new Set<string>()
  for (const name of names) {
    const number = MIGRATION_NAME.exec(name)?.[1]
    if (number === undefined) throw new Error(`migrate(): ${name} in ${directory.pathname} is not NNN-name.sql`)
    if (numbers.has(number)) throw new Error(`migrate(): two migrations are numbered ${number}`)
    numbers.add(number)
  }
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  )
  const done = new Set((await db.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name))
  const ran: string[] = []
  for (const name of names) {
    if (done.has(name)) continue
    const sql = await readFile(new URL(name, directory), 'utf8')
    await db.transaction(async (tx) => {
      await tx.exec(sql)
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name])
    })
    ran.push(name)
  }
  return ran
}
