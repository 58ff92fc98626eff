import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'

// OWASP's password storage cheat sheet: scrypt with N=2^17, r=8, p=1 is its first choice; N=2^15
// keeps a login under ~100 ms on a small machine, and the parameters are stored with each hash, so
// they can be raised later without invalidating old hashes.
const COST = { N: 2 ** 15, r: 8, p: 1 } as const
const KEY_BYTES = 32
const SALT_BYTES = 16
// 128 * N * r bytes of memory for N=2^15, r=8 (32 MiB); Node's default cap is exactly that, so give room.
const MAX_MEMORY = 64 * 1024 * 1024

/**
 * Hashes a password with scrypt (`node:crypto`, in the thread pool, so the event loop keeps
 * serving): `scrypt$N$r$p$salt$key`, salt and key in base64url.
 *
 * @example
 * const stored = await hashPassword('correct horse battery staple')
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, KEY_BYTES, COST)
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/**
 * Whether `password` matches a hash made by {@link hashPassword}, compared in constant time. A
 * malformed hash is an `Error` (a corrupt row is a server fault, never "wrong password").
 *
 * @example
 * if (!(await verifyPassword(form.password, user.passwordHash))) throw new Unauthorized()
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  const cost = { N: Number(n), r: Number(r), p: Number(p) }
  if (scheme !== 'scrypt' || !Object.values(cost).every(Number.isSafeInteger) || !salt || !key) {
    throw new Error('verifyPassword(): the stored hash is not scrypt$N$r$p$salt$key')
  }
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), expected.length, cost)
  return timingSafeEqual(actual, expected)
}

let dummy: Promise<string> | undefined

/**
 * A hash of nothing in particular, made on first use: checking a password against it costs what a
 * real check costs, so a login for a name that does not exist takes as long as a wrong password.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'))
  return dummy
}

function derive(password: string, salt: Buffer, length: number, cost: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // NFKC, so the same password typed on two keyboards is the same bytes (NIST SP 800-63B §5.1.1.2).
    scrypt(password.normalize('NFKC'), salt, length, { ...cost, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}
