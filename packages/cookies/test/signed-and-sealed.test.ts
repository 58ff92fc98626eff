import { cookieSealer, cookieSigner } from '@tsgi/cookies'
import { describe, expect, it, vi } from 'vitest'

const OLD = 'an old secret of at least thirty-two bytes'
const NEW = 'a new secret, also at least thirty-two bytes long'

function flipLast(text: string): string {
  return text.slice(0, -2) + (text.at(-2) === 'A' ? 'B' : 'A') + text.at(-1)
}

describe('cookieSigner', () => {
  it('signs a value and gives it back only for the same name and an intact signature', async () => {
    const signer = cookieSigner(NEW)
    const signed = await signer.sign('uid', '42.7')
    expect(signed).toMatch(/^42\.7\.[A-Za-z0-9_-]{43}$/)
    expect(await signer.unsign('uid', signed)).toBe('42.7')
    expect(await signer.unsign('uid', signed.replace('42', '43'))).toBeUndefined() // the value changed
    expect(await signer.unsign('uid', flipLast(signed))).toBeUndefined() // the signature changed
    expect(await signer.unsign('other', signed)).toBeUndefined() // moved to another cookie
    expect(await signer.unsign('uid', '42')).toBeUndefined()
    expect(await signer.unsign('uid', `${signed}=`)).toBeUndefined()
  })

  it('rotates keys: signs with the first secret and accepts any', async () => {
    const signedByOld = await cookieSigner(OLD).sign('uid', '1')
    const rotated = cookieSigner([NEW, OLD])
    expect(await rotated.unsign('uid', signedByOld)).toBe('1')
    expect(await cookieSigner(NEW).unsign('uid', signedByOld)).toBeUndefined() // the old key dropped
    expect(await cookieSigner(NEW).unsign('uid', await rotated.sign('uid', '1'))).toBe('1')
  })

  it('refuses a secret shorter than 32 bytes without echoing it, and anything that is not a secret', () => {
    expect(() => cookieSigner('short secret')).toThrow(RangeError)
    expect(() => cookieSigner('short secret')).toThrow(/secrets must be at least 32 bytes, got 12/)
    expect(() => cookieSigner('short secret')).not.toThrow(/short secret/)
    expect(() => cookieSigner([NEW, 'x'])).toThrow(/secrets\[1\] must be at least 32 bytes/)
    expect(() => cookieSigner([])).toThrow(TypeError)
    expect(() => cookieSigner(42 as never)).toThrow(/must be a string or a Uint8Array, got 42/)
    expect(() => cookieSigner(new Uint8Array(32))).not.toThrow()
  })
})

describe('cookieSealer', () => {
  it('seals a value the client can neither read nor change', async () => {
    const sealer = cookieSealer(NEW)
    const sealed = await sealer.seal('session', '{"user":"ada"}')
    expect(sealed).not.toContain('ada')
    expect(atob(sealed.replaceAll('-', '+').replaceAll('_', '/'))).not.toContain('ada')
    expect(await sealer.unseal('session', sealed)).toBe('{"user":"ada"}')
    expect(await sealer.unseal('session', flipLast(sealed))).toBeUndefined()
    expect(await sealer.unseal('session', sealed.slice(0, 30))).toBeUndefined()
    expect(await sealer.unseal('other', sealed)).toBeUndefined()
    expect(await sealer.unseal('session', 'not base64url!')).toBeUndefined()
    expect(await sealer.seal('session', 'x')).not.toBe(await sealer.seal('session', 'x')) // a fresh nonce each time
  })

  it('rotates keys, and does not open a value sealed with a key it does not hold', async () => {
    const sealedByOld = await cookieSealer(OLD).seal('s', 'v')
    expect(await cookieSealer([NEW, OLD]).unseal('s', sealedByOld)).toBe('v')
    expect(await cookieSealer(NEW).unseal('s', sealedByOld)).toBeUndefined()
  })

  it('derives a key of its own: a value signed with the same secret does not open', async () => {
    const signed = await cookieSigner(NEW).sign('s', 'v')
    expect(await cookieSealer(NEW).unseal('s', signed)).toBeUndefined()
  })

  it('keeps one format on every runtime: nonce, then AES-256-GCM under the HKDF-SHA256 key, then the tag', async () => {
    const encoder = new TextEncoder()
    const base = await crypto.subtle.importKey('raw', encoder.encode(NEW), 'HKDF', false, ['deriveKey'])
    const hkdf = {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: encoder.encode('tsgi.cookies'),
      info: encoder.encode('sealed cookie, AES-256-GCM, v1'),
    }
    const key = await crypto.subtle.deriveKey(hkdf, base, { name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ])
    const bytes = (text: string) =>
      Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0))
    const sealed = bytes(await cookieSealer(NEW).seal('session', 'ada'))
    const params = { name: 'AES-GCM', iv: sealed.subarray(0, 12), additionalData: encoder.encode('session') }
    expect(new TextDecoder().decode(await crypto.subtle.decrypt(params, key, sealed.subarray(12)))).toBe('ada')
    // Where the runtime has no node:crypto (a Worker), WebCrypto seals, and each opens the other's values.
    const spy = vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined as never)
    const encrypt = vi.spyOn(crypto.subtle, 'encrypt')
    const web = cookieSealer(NEW)
    const byWeb = await web.seal('session', 'grace')
    expect(encrypt).toHaveBeenCalledOnce()
    encrypt.mockRestore()
    spy.mockRestore()
    const native = cookieSealer(NEW)
    expect(await native.unseal('session', byWeb)).toBe('grace')
    expect(await web.unseal('session', await native.seal('session', 'lin'))).toBe('lin')
    expect(await web.unseal('session', flipLast(byWeb))).toBeUndefined()
    expect(await native.unseal('session', flipLast(byWeb))).toBeUndefined()
  })
})
