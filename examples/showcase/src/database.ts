import { PGlite } from '@electric-sql/pglite'
import { describeValue } from '@tsgi/core'
import { migrate } from './migrate.js'

/**
 * Opens the database and brings its schema up to date: Postgres compiled to WebAssembly (PGlite),
 * kept in `dataDir` on disk, or in memory when there is none (tests, a throwaway demo). Uploads
 * that a crash cut off midway are swept here, before the first request.
 *
 * @example
 * const db = await openDatabase('./data') // or openDatabase() for an in-memory one
 */
export async function openDatabase(dataDir?: string): Promise<PGlite> {
  if (dataDir !== undefined && (typeof dataDir !== 'string' || dataDir === '')) {
    throw new TypeError(`openDatabase(): dataDir must be a non-empty path, got ${describeValue(dataDir)}`)
  }
  const db = await PGlite.create(dataDir === undefined ? {} : { dataDir })
  try {
    await migrate(db)
    await db.query('DELETE FROM files WHERE NOT complete')
  } catch (error) {
    await db.close()
    throw error
  }
  return db
}
