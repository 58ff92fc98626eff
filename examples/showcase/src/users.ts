import type { PGlite } from '@electric-sql/pglite'
import { Conflict, UnprocessableEntity } from '@tsgi/core'
import { dummyHash, hashPassword, verifyPassword } from './passwords.js'

/** A signed-up user, as the pages see one. */
export interface User {
  id: number
  name: string
}

const NAME = /^[A-Za-z0-9_-]{3,32}$/
const MIN_PASSWORD = 8
const MAX_PASSWORD = 256 // scrypt takes any length; a cap keeps a request from making it hash megabytes

/**
 * Signs a user up: a 422 for a name or password that breaks the rules, a 409 when the name is taken
 * (in any case: `Ada` and `ada` are one user).
 *
 * @example
 * const ada = await createUser(db, 'ada', 'correct horse battery staple')
 */
export async function createUser(db: PGlite, name: string, password: string): Promise<User> {
  if (!NAME.test(name)) {
    throw new UnprocessableEntity('A name is 3 to 32 letters, digits, "-" or "_"')
  }
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
    throw new UnprocessableEntity(`A password is ${MIN_PASSWORD} to ${MAX_PASSWORD} characters`)
  }
  const hash = await hashPassword(password)
  const { rows } = await db.query<User>(
    `INSERT INTO users (name, password_hash) VALUES ($1, $2)
     ON CONFLICT (lower(name)) DO NOTHING RETURNING id::int AS id, name`,
    [name, hash],
  )
  if (rows[0] === undefined) throw new Conflict(`The name ${name} is taken`)
  return rows[0]
}

/**
 * The user with this name and password, or `undefined`. The password is checked even when the
 * name is unknown, against a dummy hash, so the time taken does not tell which names exist.
 *
 * @example
 * const user = await authenticate(db, form.name, form.password)
 */
export async function authenticate(db: PGlite, name: string, password: string): Promise<User | undefined> {
  const { rows } = await db.query<User & { password_hash: string }>(
    'SELECT id::int AS id, name, password_hash FROM users WHERE lower(name) = lower($1)',
    [name],
  )
  const row = rows[0]
  const matches = await verifyPassword(password.slice(0, MAX_PASSWORD + 1), row?.password_hash ?? (await dummyHash()))
  return row !== undefined && matches && password.length <= MAX_PASSWORD ? { id: row.id, name: row.name } : undefined
}

/** The user with this id, or `undefined` (deleted since the session was made). */
export async function findUser(db: PGlite, id: number): Promise<User | undefined> {
  const { rows } = await db.query<User>('SELECT id::int AS id, name FROM users WHERE id = $1', [id])
  return rows[0]
}
