import { describeValue } from '@tsgi/core'
import ipaddr from 'ipaddr.js'

type Address = ipaddr.IPv4 | ipaddr.IPv6
type Range = [Address, number]

// The ranges the keywords stand for. Private covers RFC 1918 and IPv6 unique local addresses
// (RFC 4193), where a load balancer in the same network or cluster usually sits.
const NAMED: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
}

/**
 * Turns the `trusted` option into a test of the direct peer's address, once, when the middleware
 * is built: each entry is an address, a CIDR range, or one of the words `loopback` and `private`.
 */
export function trustedPeers(caller: string, trusted: unknown): (address: string | undefined) => boolean {
  if (!Array.isArray(trusted)) {
    throw new TypeError(
      `${caller}: options.trusted must be an array of addresses or CIDRs, got ${describeValue(trusted)}`,
    )
  }
  const ranges: Range[] = []
  for (const entry of trusted as unknown[]) {
    if (typeof entry === 'string' && Object.hasOwn(NAMED, entry)) {
      for (const cidr of NAMED[entry] as readonly string[]) ranges.push(ipaddr.parseCIDR(cidr))
    } else if (typeof entry === 'string' && ipaddr.isValidCIDR(entry)) {
      ranges.push(ipaddr.parseCIDR(entry))
    } else if (typeof entry === 'string' && isAddress(entry)) {
      const address = ipaddr.parse(entry)
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128])
    } else {
      throw new TypeError(
        `${caller}: options.trusted entries must be IP addresses, CIDR ranges, 'loopback' or 'private', got ${describeValue(entry)}`,
      )
    }
  }
  // The direct peers are few (the proxies), and matching costs microseconds: answers are cached,
  // up to a bound, so a flood of distinct peers cannot grow the cache.
  const known = new Map<string, boolean>()
  return (address) => {
    if (address === undefined) return false
    let trusted = known.get(address)
    if (trusted === undefined) {
      trusted = matches(address, ranges)
      if (known.size < MAX_CACHED_PEERS) known.set(address, trusted)
    }
    return trusted
  }
}

const MAX_CACHED_PEERS = 1024

function matches(address: string, ranges: readonly Range[]): boolean {
  if (!isAddress(address)) return false
  // An IPv4 peer on a dual-stack socket reads as ::ffff:a.b.c.d; it matches IPv4 ranges.
  const parsed = ipaddr.process(address)
  for (const range of ranges) {
    if (range[0].kind() === parsed.kind() && parsed.match(range)) return true
  }
  return false
}

// Four decimal parts of 0-255 without leading zeros: a linear check, much cheaper than parsing.
const IPV4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/

/** A plain IPv4 address in four decimal parts, or an IPv6 address; nothing looser (no `127.1`, no hex). */
export function isAddress(value: string): boolean {
  return IPV4.test(value) || (value.includes(':') && ipaddr.IPv6.isValid(value))
}
