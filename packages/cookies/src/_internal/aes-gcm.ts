// AES-256-GCM for sealed cookies, on the runtime's fastest implementation: node:crypto where the
// runtime has it (synchronous, on the calling thread), WebCrypto elsewhere. Both give the same
// bytes: the ciphertext followed by the 16-byte tag, with the key derived from the secret by the
// same HKDF-SHA256 (RFC 5869), so a value sealed by one is opened by the other.
//
// Why not WebCrypto everywhere: in Node 20 each `subtle.encrypt`/`decrypt` is a job sent to the
// thread pool and a promise back, with WebIDL checks around it; for a cookie of a few hundred
// bytes that costs some ten times the cipher itself. Under load on the production-stack
// benchmark, sealing and opening the session through WebCrypto took about 30% of the server's CPU.
import type * as NodeCrypto from 'node:crypto'

/** One derived key: seals and opens with a fresh 96-bit nonce supplied by the caller. */
export interface AesGcmKey {
  /** `plaintext` encrypted under `iv` with `aad` authenticated: ciphertext ‖ tag. */
  encrypt(iv: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array>
  /** The plaintext, or `undefined` when the tag does not match (tampered with, another key). */
  decrypt(iv: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Promise<Uint8Array | undefined>
}

/** The tag GCM appends, in bytes (NIST SP 800-38D §5.2.1.2: 128 bits). */
export const TAG_BYTES = 16

type ProcessWithBuiltins = { getBuiltinModule?(id: string): unknown }
// WebCrypto's CryptoKey, named without the DOM library.
type WebKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>

/** Derives the AES-256 key of `secret` with HKDF-SHA256 (`salt`, `info`), on the best implementation there is. */
export async function deriveAesGcmKey(secret: Uint8Array, salt: Uint8Array, info: Uint8Array): Promise<AesGcmKey> {
  const process = (globalThis as { process?: ProcessWithBuiltins }).process
  const node = process?.getBuiltinModule?.('node:crypto') as typeof NodeCrypto | undefined
  if (node !== undefined) return nodeKey(node, new Uint8Array(node.hkdfSync('sha256', secret, salt, info, 32)))
  return webKey(await webDerive(secret, salt, info))
}

function nodeKey(node: typeof NodeCrypto, key: Uint8Array): AesGcmKey {
  return {
    async encrypt(iv, aad, plaintext) {
      const cipher = node.createCipheriv('aes-256-gcm', key, iv).setAAD(aad)
      // GCM is a stream mode: update() returns the whole ciphertext and final() nothing.
      return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
    },
    async decrypt(iv, aad, sealed) {
      const decipher = node.createDecipheriv('aes-256-gcm', key, iv).setAAD(aad)
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
      const plaintext = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES))
      try {
        decipher.final() // checks the tag; nothing is returned before it passed
      } catch {
        return undefined
      }
      return plaintext
    },
  }
}

async function webDerive(secret: Uint8Array, salt: Uint8Array, info: Uint8Array): Promise<WebKey> {
  const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey'])
  const hkdf = { name: 'HKDF', hash: 'SHA-256', salt, info }
  return crypto.subtle.deriveKey(hkdf, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
}

function webKey(key: WebKey): AesGcmKey {
  return {
    async encrypt(iv, additionalData, plaintext) {
      return new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, plaintext))
    },
    async decrypt(iv, additionalData, sealed) {
      try {
        return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, key, sealed))
      } catch {
        return undefined // the tag check failed
      }
    },
  }
}
