import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../src/database.js'
import {
  CHUNK_SIZE,
  completeFile,
  deleteFile,
  discardFile,
  fileContent,
  getFile,
  listFiles,
  storeFile,
} from '../src/files.js'
import { migrate } from '../src/migrate.js'
import { hashPassword, verifyPassword } from '../src/passwords.js'
import { authenticate, createUser } from '../src/users.js'

// Each test hashes passwords (scrypt) and queries PGlite: seconds on a machine busy with the
// rest of the suite, so more than vitest's default 5 s per test.
vi.setConfig({ testTimeout: 30_000 })

// PGlite starts in seconds (WebAssembly), so the tests of this file share one database, kept in a
// folder: the last test opens it again to see that everything is still there.
let db: PGlite
let dataDir: string
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'showcase-data-'))
  db = await openDatabase(dataDir)
}, 120_000)
afterAll(async () => {
  await db?.close()
  await rm(dataDir, { recursive: true, force: true })
})

async function* chunks(...sizes: number[]): AsyncGenerator<Uint8Array> {
  let n = 0
  for (const size of sizes) yield Uint8Array.from({ length: size }, () => n++ % 251)
}

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = []
  for await (const chunk of stream) out.push(chunk)
  return out
}

describe('migrate()', () => {
  it('ran every migration once, in order, and runs none again', async () => {
    const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')
    expect(rows.map((row) => row.name)).toEqual(['001-users.sql', '002-files.sql', '003-sessions.sql'])
    expect(await migrate(db)).toEqual([])
  })

  it('rolls a failing migration back whole and stops', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'showcase-migrations-'))
    try {
      await writeFile(join(directory, '001-good.sql'), 'CREATE TABLE good_table (id int);')
      await writeFile(
        join(directory, '002-bad.sql'),
        'CREATE TABLE half_done (id int); SELECT no_such_column FROM good_table;',
      )
      const url = pathToFileURL(`${directory}/`)
      await expect(migrate(db, url)).rejects.toThrow(/no_such_column/)
      const tables = await db.query("SELECT 1 FROM pg_tables WHERE tablename IN ('good_table', 'half_done')")
      expect(tables.rows).toHaveLength(1) // good_table only
      const names = await db.query<{ name: string }>("SELECT name FROM schema_migrations WHERE name LIKE '00%-%d.sql'")
      expect(names.rows.map((row) => row.name)).toEqual(['001-good.sql'])
    } finally {
      await rm(directory, { recursive: true })
    }
  })

  it('refuses a file that is not NNN-name.sql rather than skip it', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'showcase-migrations-'))
    try {
      await writeFile(join(directory, '4-users.sql'), 'SELECT 1;')
      await expect(migrate(db, pathToFileURL(`${directory}/`))).rejects.toThrow(/4-users.sql .* is not NNN-name.sql/)
    } finally {
      await rm(directory, { recursive: true })
    }
  })
})

describe('passwords', () => {
  it('hashes with scrypt and a salt, and checks in both directions', async () => {
    const one = await hashPassword('correct horse battery staple')
    const two = await hashPassword('correct horse battery staple')
    expect(one).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/)
    expect(one).not.toBe(two)
    expect(await verifyPassword('correct horse battery staple', one)).toBe(true)
    expect(await verifyPassword('correct horse battery stapler', one)).toBe(false)
    await expect(verifyPassword('x', 'md5$abc')).rejects.toThrow(/not scrypt/)
  })
})

describe('users', () => {
  it('signs up, refuses the same name in another case, and authenticates', async () => {
    const ada = await createUser(db, 'Ada', 'analytical engine')
    expect(ada).toEqual({ id: expect.any(Number), name: 'Ada' })
    await expect(createUser(db, 'ada', 'another password')).rejects.toMatchObject({ status: 409 })
    expect(await authenticate(db, 'ADA', 'analytical engine')).toEqual(ada)
    expect(await authenticate(db, 'Ada', 'analytical engines')).toBeUndefined()
    expect(await authenticate(db, 'nobody', 'analytical engine')).toBeUndefined()
    const { rows } = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [
      ada.id,
    ])
    expect(rows[0]!.password_hash).not.toContain('analytical')
  })

  it('answers 422 for a bad name or password', async () => {
    await expect(createUser(db, 'a b', 'long enough')).rejects.toMatchObject({ status: 422 })
    await expect(createUser(db, 'al', 'long enough')).rejects.toMatchObject({ status: 422 })
    await expect(createUser(db, 'alan', 'short')).rejects.toMatchObject({ status: 422 })
  })
})

describe('files', () => {
  let owner: number
  let other: number
  beforeAll(async () => {
    owner = (await createUser(db, 'grace', 'compiler compiler')).id
    other = (await createUser(db, 'linus', 'kernel kernel')).id
  }, 30_000)

  it('stores a stream in chunks of CHUNK_SIZE and streams it back unchanged', async () => {
    const sizes = [1000, CHUNK_SIZE, 70_000, 3 * CHUNK_SIZE + 5]
    const original = Buffer.concat(await collect(chunks(...sizes)))
    const stored = await storeFile(
      db,
      { ownerId: owner, name: 'data.bin', contentType: 'application/x' },
      chunks(...sizes),
    )
    expect(stored.size).toBe(original.length)
    const { rows } = await db.query<{ n: number; biggest: number }>(
      'SELECT count(*)::int AS n, max(length(data))::int AS biggest FROM file_chunks WHERE file_id = $1',
      [stored.id],
    )
    expect(rows[0]).toEqual({ n: Math.ceil(original.length / CHUNK_SIZE), biggest: CHUNK_SIZE })
    await expect(getFile(db, stored.id)).rejects.toMatchObject({ status: 404 }) // not listed until complete
    await completeFile(db, stored.id, 'some data')
    const file = await getFile(db, stored.id)
    expect(file).toMatchObject({ name: 'data.bin', description: 'some data', size: original.length, owner: 'grace' })
    const read = await collect(fileContent(db, file))
    expect(read.every((chunk) => chunk.length <= CHUNK_SIZE)).toBe(true)
    expect(Buffer.concat(read).equals(original)).toBe(true)
  })

  it('deletes what it stored when the stream fails midway', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM file_chunks')).rows[0]!.n
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(CHUNK_SIZE * 2)
      throw new Error('client gone')
    }
    await expect(storeFile(db, { ownerId: owner, name: 'cut.bin', contentType: 'x/y' }, failing())).rejects.toThrow(
      'client gone',
    )
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM file_chunks')).rows[0]!.n).toBe(before)
    expect((await db.query("SELECT 1 FROM files WHERE name = 'cut.bin'")).rows).toHaveLength(0)
  })

  it('discards a stored file that is not completed', async () => {
    const { id } = await storeFile(db, { ownerId: owner, name: 'x', contentType: 'x/y' }, chunks(10))
    await discardFile(db, id)
    expect((await db.query('SELECT 1 FROM files WHERE id = $1', [id])).rows).toHaveLength(0)
  })

  it('searches names and descriptions in any case, with % and _ as plain characters', async () => {
    for (const [name, description] of [
      ['Report 2026.pdf', 'the yearly numbers'],
      ['holiday.jpg', 'Beach, 100% sun'],
      ['a_b.txt', ''],
    ] as const) {
      const { id } = await storeFile(db, { ownerId: owner, name, contentType: 'x/y' }, chunks(10))
      await completeFile(db, id, description)
    }
    const names = async (search: string) => (await listFiles(db, { search })).map((file) => file.name)
    expect(await names('REPORT')).toEqual(['Report 2026.pdf'])
    expect(await names('yearly')).toEqual(['Report 2026.pdf'])
    expect(await names('100%')).toEqual(['holiday.jpg'])
    expect(await names('%')).toEqual(['holiday.jpg'])
    expect(await names('_')).toEqual(['a_b.txt'])
    expect(await names('nothing like it')).toEqual([])
    expect((await names('')).slice(0, 3)).toEqual(['a_b.txt', 'holiday.jpg', 'Report 2026.pdf']) // newest first
  })

  it('lets only the owner delete a file', async () => {
    const { id } = await storeFile(db, { ownerId: owner, name: 'mine', contentType: 'x/y' }, chunks(10))
    await completeFile(db, id, '')
    await expect(deleteFile(db, id, other)).rejects.toMatchObject({ status: 403 })
    await deleteFile(db, id, owner)
    await expect(getFile(db, id)).rejects.toMatchObject({ status: 404 })
    expect((await db.query('SELECT 1 FROM file_chunks WHERE file_id = $1', [id])).rows).toHaveLength(0)
  })
})

describe('openDatabase(dataDir)', () => {
  it('keeps users and files in the folder, migrates nothing twice, and sweeps uploads a crash cut off', async () => {
    const grace = (await authenticate(db, 'grace', 'compiler compiler'))!
    const { id } = await storeFile(db, { ownerId: grace.id, name: 'cut-by-a-crash', contentType: 'x/y' }, chunks(10))
    const users = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n
    await db.close()
    db = await openDatabase(dataDir) // 001-users.sql again would fail: the table exists
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n).toBe(users)
    expect(await authenticate(db, 'grace', 'compiler compiler')).toMatchObject({ name: 'grace' })
    expect((await db.query('SELECT 1 FROM files WHERE id = $1', [id])).rows).toHaveLength(0)
    expect((await db.query('SELECT 1 FROM file_chunks WHERE file_id = $1', [id])).rows).toHaveLength(0)
  }, 120_000)

  it('refuses an empty data folder name', async () => {
    await expect(openDatabase('')).rejects.toThrow(TypeError)
  })
})
