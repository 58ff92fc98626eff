import { type AesGcmKey, deriveAesGcmKey, TAG_BYTES } from './_internal/aes-gcm.js'
import { fromBase64Url, toBase64Url } from './_internal/base64url.js'
import { checkSecrets, type Secret } from './check-secrets.js'

/** Encrypts cookie values so the client can neither read nor change them; see {@link cookieSealer}. */
export interface CookieSealer {
  /** `plaintext` encrypted and authenticated for the cookie `name`, as base64url. */
  seal(name: string, plaintext: string): Promise<string>
  /** The plaintext, or `undefined` if `sealed` was not sealed for `name` by one of the secrets (tampered, truncated, another key). */
  unseal(name: string, sealed: string): Promise<string | undefined>
}

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })
const IV_BYTES = 12 // the 96-bit nonce AES-GCM is specified for (NIST SP 800-38D §8.2)
const SALT = encoder.encode('tsgi.cookies')
const INFO = encoder.encode('sealed cookie, AES-256-GCM, v1')

/**
 * Sealed cookies: AES-256-GCM (through `node:crypto` where the runtime has it, WebCrypto elsewhere:
 * the same bytes either way), a fresh random nonce per seal, the cookie name as
 * additional authenticated data (a sealed value cannot be moved to another cookie). Each secret is
 * stretched to its own AES key with HKDF-SHA256 (RFC 5869), so the same secret may also sign
 * cookies without the two uses sharing a key. Rotation as {@link cookieSigner}: seal with the
 * first secret, open with any.
 *
 * @param secrets one secret or a list, newest first; each at least 32 bytes.
 * @throws {TypeError} / {RangeError} at once for a missing or short secret.
 * @example
 * const sealer = cookieSealer(process.env.COOKIE_SECRET!)
 * const token = await sealer.seal('prefs', JSON.stringify({ theme: 'dark' }))
 * const prefs = await sealer.unseal('prefs', token) // the JSON, or undefined if tampered with
 */
export function cookieSealer(secrets: Secret | readonly Secret[]): CookieSealer {
  const raw = checkSecrets(secrets, 'cookieSealer(): secrets')
  let keys: Promise<AesGcmKey[]> | undefined
  const derived = (): Promise<AesGcmKey[]> =>
    (keys ??= Promise.all(raw.map((secret) => deriveAesGcmKey(secret, SALT, INFO))))
  return {
    async seal(name, plaintext) {
      const [key] = await derived()
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
      const sealed = await key!.encrypt(iv, encoder.encode(name), encoder.encode(plaintext))
      const out = new Uint8Array(IV_BYTES + sealed.length)
      out.set(iv)
      out.set(sealed, IV_BYTES)
      return toBase64Url(out)
    },
    async unseal(name, sealed) {
      const bytes = typeof sealed === 'string' ? fromBase64Url(sealed) : undefined
      if (bytes === undefined || bytes.length < IV_BYTES + TAG_BYTES) return undefined
      const iv = bytes.subarray(0, IV_BYTES)
      const aad = encoder.encode(name)
      for (const key of await derived()) {
        // Not this key (or tampered with) when GCM's tag check fails: try the next secret.
        const opened = await key.decrypt(iv, aad, bytes.subarray(IV_BYTES))
        if (opened === undefined) continue
        try {
          return decoder.decode(opened)
        } catch {
          return undefined // authentic but not UTF-8: not something seal() made
        }
      }
      return undefined
    },
  }
}
