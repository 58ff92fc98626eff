import { createHash } from 'node:crypto'
import type { PGlite } from '@electric-sql/pglite'
import { Forbidden, NotFound } from '@tsgi/core'

/** A stored file, as the pages list it. */
export interface StoredFile {
  id: number
  ownerId: number
  owner: string
  name: string
  description: string
  contentType: string
  size: number
  sha256: string
  createdAt: Date
}

/** What {@link storeFile} needs besides the content. */
export interface NewFile {
  ownerId: number
  name: string
  contentType: string
}

/** Bytes per row of `file_chunks`: what an upload or a download holds in memory at most, per request. */
export const CHUNK_SIZE = 256 * 1024

const COLUMNS = `f.id::int AS id, f.owner_id::int AS "ownerId", u.name AS owner, f.name, f.description,
  f.content_type AS "contentType", f.size::float8 AS size, f.sha256, f.created_at AS "createdAt"`

/**
 * Stores a file from a stream of chunks (an upload's part), `CHUNK_SIZE` bytes per row, and
 * resolves to its id once the last chunk is in. It is not listed until {@link completeFile} marks
 * it done; if the stream fails (a limit, a client gone) the rows written so far are deleted and
 * the error is rethrown. Not one transaction: PGlite has one connection, and a slow upload would
 * hold every other request behind it.
 *
 * @example
 * const id = await storeFile(db, { ownerId, name: part.filename, contentType: part.contentType }, part)
 */
export async function storeFile(
  db: PGlite,
  file: NewFile,
  content: AsyncIterable<Uint8Array>,
): Promise<{ id: number; size: number; sha256: string }> {
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO files (owner_id, name, content_type) VALUES ($1, $2, $3) RETURNING id::int AS id',
    [file.ownerId, file.name, file.contentType],
  )
  const id = rows[0]!.id
  const hash = createHash('sha256')
  let size = 0
  let seq = 0
  try {
    for await (const chunk of rechunk(content, CHUNK_SIZE)) {
      hash.update(chunk)
      size += chunk.length
      await db.query('INSERT INTO file_chunks (file_id, seq, data) VALUES ($1, $2, $3)', [id, seq++, chunk])
    }
  } catch (error) {
    await db.query('DELETE FROM files WHERE id = $1', [id])
    throw error
  }
  const sha256 = hash.digest('hex')
  await db.query('UPDATE files SET size = $2, sha256 = $3 WHERE id = $1', [id, size, sha256])
  return { id, size, sha256 }
}

/** Lists a stored file with its description: from now on it is listed, searched and downloaded. */
export async function completeFile(db: PGlite, id: number, description: string): Promise<void> {
  await db.query('UPDATE files SET description = $2, complete = true WHERE id = $1', [id, description])
}

/** Deletes a file that was stored but will not be completed (the rest of its form failed). */
export async function discardFile(db: PGlite, id: number): Promise<void> {
  await db.query('DELETE FROM files WHERE id = $1 AND NOT complete', [id])
}

/**
 * The newest files, at most `limit`; with `search`, those whose name or description contains it
 * (any case; `%` and `_` are plain characters here).
 *
 * @example
 * const found = await listFiles(db, { search: 'report' })
 */
export async function listFiles(db: PGlite, { search = '', limit = 100 } = {}): Promise<StoredFile[]> {
  const pattern = `%${search.replace(/[\\%_]/g, '\\$&')}%`
  const { rows } = await db.query<StoredFile>(
    `SELECT ${COLUMNS} FROM files f JOIN users u ON u.id = f.owner_id
     WHERE f.complete AND (f.name ILIKE $1 OR f.description ILIKE $1)
     ORDER BY f.created_at DESC, f.id DESC LIMIT $2`,
    [pattern, limit],
  )
  return rows
}

/** The file with this id, or a 404. */
export async function getFile(db: PGlite, id: number): Promise<StoredFile> {
  const { rows } = await db.query<StoredFile>(
    `SELECT ${COLUMNS} FROM files f JOIN users u ON u.id = f.owner_id WHERE f.complete AND f.id = $1`,
    [id],
  )
  if (rows[0] === undefined) throw new NotFound('No such file')
  return rows[0]
}

/**
 * The content of a file, one stored chunk at a time: each is read from the database only when
 * the previous one was taken, so a download holds `CHUNK_SIZE` bytes whatever the file's size.
 * A file deleted meanwhile ends the stream with an error rather than a silently short body.
 */
export async function* fileContent(db: PGlite, file: Pick<StoredFile, 'id' | 'size'>): AsyncGenerator<Uint8Array> {
  let sent = 0
  for (let seq = 0; sent < file.size; seq++) {
    const { rows } = await db.query<{ data: Uint8Array }>(
      'SELECT data FROM file_chunks WHERE file_id = $1 AND seq = $2',
      [file.id, seq],
    )
    const data = rows[0]?.data
    if (data === undefined) throw new Error(`File ${file.id} lost its chunk ${seq} while it was being read`)
    sent += data.length
    yield data
  }
}

/** Deletes a file if `userId` owns it: a 404 when there is no such file, a 403 when it is someone else's. */
export async function deleteFile(db: PGlite, id: number, userId: number): Promise<StoredFile> {
  const file = await getFile(db, id)
  if (file.ownerId !== userId) throw new Forbidden('Only its owner can delete a file')
  await db.query('DELETE FROM files WHERE id = $1', [id])
  return file
}

/** Re-cuts a stream into chunks of exactly `size` bytes (the last one shorter), copying each byte once. */
async function* rechunk(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let buffer = new Uint8Array(size)
  let filled = 0
  for await (const chunk of source) {
    let offset = 0
    while (offset < chunk.length) {
      const taken = Math.min(size - filled, chunk.length - offset)
      buffer.set(chunk.subarray(offset, offset + taken), filled)
      filled += taken
      offset += taken
      if (filled === size) {
        yield buffer
        buffer = new Uint8Array(size) // the yielded one is now the database's to read
        filled = 0
      }
    }
  }
  if (filled > 0) yield buffer.subarray(0, filled)
}
