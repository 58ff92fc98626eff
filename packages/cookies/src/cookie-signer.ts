import { fromBase64Url, toBase64Url } from './_internal/base64url.js'
import { checkSecrets, type Secret } from './check-secrets.js'

/** Signs cookie values and checks signatures; see {@link cookieSigner}. */
export interface CookieSigner {
  /** `value` followed by `.` and its HMAC-SHA256 over `name=value`, base64url-encoded. */
  sign(name: string, value: string): Promise<string>
  /** The value if `signed` carries a valid signature for `name` under any of the secrets, else `undefined`. */
  unsign(name: string, signed: string): Promise<string | undefined>
}

// WebCrypto's CryptoKey, named without the DOM library.
type Key = Awaited<ReturnType<typeof crypto.subtle.importKey>>
const encoder = new TextEncoder()
const SIGNATURE_LENGTH = 43 // 32 bytes of HMAC-SHA256, base64url without padding

/**
 * Signed cookies: the value stays readable by the client but cannot be changed or moved to
 * another cookie name (the MAC covers `name=value`). HMAC-SHA256 through WebCrypto
 * (`globalThis.crypto.subtle`), so it runs on every runtime. Rotation: sign with the first secret,
 * accept a signature by any of them; put a new secret first and drop the old one once the
 * cookies it signed have expired. Signatures are checked with `crypto.subtle.verify`, which
 * compares in constant time, so the time taken says nothing about how much of a forged MAC matched.
 *
 * @param secrets one secret or a list, newest first; each at least 32 bytes.
 * @throws {TypeError} / {RangeError} at once for a missing or short secret.
 * @example
 * const signer = cookieSigner([process.env.COOKIE_SECRET!])
 * headers = setCookie(headers, 'uid', await signer.sign('uid', '42'))
 * const uid = await signer.unsign('uid', cookiesOf(environ).uid ?? '') // '42', or undefined if forged
 */
export function cookieSigner(secrets: Secret | readonly Secret[]): CookieSigner {
  const raw = checkSecrets(secrets, 'cookieSigner(): secrets')
  let keys: Promise<Key[]> | undefined
  // Imported on first use (WebCrypto is async), once.
  const imported = (): Promise<Key[]> =>
    (keys ??= Promise.all(
      raw.map((bytes) =>
        crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']),
      ),
    ))
  return {
    async sign(name, value) {
      const [key] = await imported()
      const mac = await crypto.subtle.sign('HMAC', key!, encoder.encode(`${name}=${value}`))
      return `${value}.${toBase64Url(new Uint8Array(mac))}`
    },
    async unsign(name, signed) {
      if (typeof signed !== 'string') return undefined
      const dot = signed.length - SIGNATURE_LENGTH - 1
      if (dot < 0 || signed[dot] !== '.') return undefined
      const mac = fromBase64Url(signed.slice(dot + 1))
      if (mac === undefined) return undefined
      const value = signed.slice(0, dot)
      const data = encoder.encode(`${name}=${value}`)
      for (const key of await imported()) {
        if (await crypto.subtle.verify('HMAC', key, mac, data)) return value
      }
      return undefined
    },
  }
}
