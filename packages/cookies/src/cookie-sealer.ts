import { fromBase64Url, toBase64Url } from './_internal/base64url.js'
import { checkSecrets, type Secret } from './check-secrets.js'

/** Encrypts cookie values so the client can neither read nor change them; see {@link cookieSealer}. */
export interface CookieSealer {
  /** `plaintext` encrypted and authenticated for the cookie `name`, as base64url. */
  seal(name: string, plaintext: string): Promise<string>
  /** The plaintext, or `undefined` if `sealed` was not sealed for `name` by one of the secrets (tampered, truncated, another key). */
  unseal(name: string, sealed: string): Promise<string | undefined>
}

// WebCrypto's CryptoKey, named without the DOM library.
type Key = Awaited<ReturnType<typeof crypto.subtle.importKey>>
const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })
const IV_BYTES = 12 // the 96-bit nonce AES-GCM is specified for (NIST SP 800-38D §8.2)
const TAG_BYTES = 16
const SALT = encoder.encode('tsgi.cookies')
const INFO = encoder.encode('sealed cookie, AES-256-GCM, v1')

/**
 * Sealed cookies: AES-256-GCM through WebCrypto, a fresh random nonce per seal, the cookie name as
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
  let keys: Promise<Key[]> | undefined
  const derived = (): Promise<Key[]> => (keys ??= Promise.all(raw.map(deriveKey)))
  return {
    async seal(name, plaintext) {
      const [key] = await derived()
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
      const params = { name: 'AES-GCM', iv, additionalData: encoder.encode(name) }
      const sealed = new Uint8Array(await crypto.subtle.encrypt(params, key!, encoder.encode(plaintext)))
      const out = new Uint8Array(IV_BYTES + sealed.length)
      out.set(iv)
      out.set(sealed, IV_BYTES)
      return toBase64Url(out)
    },
    async unseal(name, sealed) {
      const bytes = typeof sealed === 'string' ? fromBase64Url(sealed) : undefined
      if (bytes === undefined || bytes.length < IV_BYTES + TAG_BYTES) return undefined
      const params = { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: encoder.encode(name) }
      for (const key of await derived()) {
        try {
          return decoder.decode(await crypto.subtle.decrypt(params, key, bytes.subarray(IV_BYTES)))
        } catch {
          // Not this key (or tampered with): GCM's tag check failed; try the next secret.
        }
      }
      return undefined
    },
  }
}

async function deriveKey(secret: Uint8Array): Promise<Key> {
  const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey'])
  const hkdf = { name: 'HKDF', hash: 'SHA-256', salt: SALT, info: INFO }
  return crypto.subtle.deriveKey(hkdf, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
}
