/**
 * A fresh nonce: 16 random bytes (128 bits, CSP §7.2 asks for at least 128) from the Web Crypto
 * generator, in base64, which `'nonce-…'` accepts as is. Web Crypto, not `node:crypto`, so the
 * middleware runs under the fetch adapter's runtimes too.
 */
export function makeNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}
