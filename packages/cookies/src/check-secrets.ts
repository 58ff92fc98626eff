import { describeValue } from '@tsgi/core'

/** A secret key: a string (its UTF-8 bytes are the key) or bytes. At least 32 bytes. */
export type Secret = string | Uint8Array

/**
 * The shortest secret accepted: 32 bytes, the output size of SHA-256 (RFC 2104 §3: shorter keys weaken HMAC).
 *
 * @example
 * const secret = crypto.getRandomValues(new Uint8Array(MIN_SECRET_BYTES))
 */
export const MIN_SECRET_BYTES: number = 32

const encoder = new TextEncoder()

/**
 * Checks a secret or a list of secrets (newest first, for rotation) and returns their bytes. Used
 * when a signer, a sealer or a session is built, so a weak key fails at start-up, never per request.
 *
 * @param where the calling function and argument, for the error message (e.g. `'session(): options.secrets'`).
 * @throws {TypeError} if it is not a secret or a non-empty list of secrets.
 * @throws {RangeError} if a secret is shorter than 32 bytes.
 * @example
 * const keys = checkSecrets(process.env.SESSION_SECRETS!.split(','), 'secrets')
 */
export function checkSecrets(secrets: Secret | readonly Secret[], where: string): Uint8Array[] {
  const list = Array.isArray(secrets) ? (secrets as readonly Secret[]) : [secrets as Secret]
  if (list.length === 0) throw new TypeError(`${where} must hold at least one secret, got an empty array`)
  return list.map((secret, index) => {
    const at = Array.isArray(secrets) ? `${where}[${index}]` : where
    if (typeof secret !== 'string' && !(secret instanceof Uint8Array)) {
      throw new TypeError(`${at} must be a string or a Uint8Array, got ${describeValue(secret)}`)
    }
    const bytes = typeof secret === 'string' ? encoder.encode(secret) : secret
    if (bytes.length < MIN_SECRET_BYTES) {
      // The value itself is never echoed: it is a secret, even a weak one.
      throw new RangeError(
        `${at} must be at least ${MIN_SECRET_BYTES} bytes, got ${bytes.length}; generate one with ` +
          `node -e "console.log(crypto.randomBytes(32).toString('base64url'))"`,
      )
    }
    return bytes
  })
}
