import { isAddress } from './trusted-peers.js'

// The shapes a forwarded value must have before it replaces an environ key; anything else is
// left unchanged and logged. Each is one anchored regular expression with no nested repetition,
// so checking is linear in the value's length.
const PROTO = /^https?$/i
const PORT = /^[0-9]{1,5}$/
// RFC 3986 §3.2.2 host (a reg-name, an IPv4 address or a bracketed IPv6 address) and an optional port.
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~!$&'()*+,;=]+)(?::[0-9]{1,5})?$/
// A clean absolute path: segments of RFC 3986 pchar without escapes, an optional trailing slash.
const PREFIX = /^(?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@]+)*\/?$/
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/

/** A client address from `X-Forwarded-For` or a `for=` parameter, without brackets or port; `undefined` if malformed. */
export function clientAddress(value: string): string | undefined {
  let address = value
  if (address.startsWith('[')) {
    // RFC 7239 §6: "[2001:db8::1]" or "[2001:db8::1]:4711".
    const close = address.indexOf(']')
    const rest = close === -1 ? '' : address.slice(close + 1)
    if (close === -1 || (rest !== '' && !(rest[0] === ':' && PORT.test(rest.slice(1))))) return undefined
    address = address.slice(1, close)
    return address.includes(':') && isAddress(address) ? address : undefined
  }
  // An IPv4 address may carry the client's port, as some balancers send it: "192.0.2.1:4711".
  const colon = address.indexOf(':')
  if (colon !== -1 && colon === address.lastIndexOf(':') && PORT.test(address.slice(colon + 1))) {
    address = address.slice(0, colon)
  }
  return isAddress(address) ? address : undefined
}

/** `http` or `https`, lower-cased; `undefined` if malformed. */
export function scheme(value: string): 'http' | 'https' | undefined {
  return PROTO.test(value) ? (value.toLowerCase() as 'http' | 'https') : undefined
}

/** A host with an optional port, split; `undefined` if malformed. */
export function hostAndPort(value: string): { name: string; port: string | undefined } | undefined {
  if (!HOST.test(value)) return undefined
  const colon = value.lastIndexOf(':')
  if (colon === -1 || value.endsWith(']')) return { name: value, port: undefined }
  const port = value.slice(colon + 1)
  return validPort(port) ? { name: value.slice(0, colon), port } : undefined
}

/** A port from 1 to 65535 without a sign or leading spaces; `undefined` if malformed. */
export function port(value: string): string | undefined {
  return validPort(value) ? String(Number(value)) : undefined
}

/** A clean path prefix for `SCRIPT_NAME`, without its trailing slash (`/` is `''`); `undefined` if not clean. */
export function prefix(value: string): string | undefined {
  if (!value.startsWith('/') || !PREFIX.test(value) || DOT_SEGMENT.test(value)) return undefined
  return value.endsWith('/') ? value.slice(0, -1) : value
}

function validPort(value: string): boolean {
  if (!PORT.test(value)) return false
  const number = Number(value)
  return number >= 1 && number <= 65535
}
