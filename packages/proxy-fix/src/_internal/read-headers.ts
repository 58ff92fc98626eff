import type { Environ } from '@tsgi/core'
import type { Hops } from '../proxy-fix.js'
import { type ForwardedElement, parseForwarded } from './forwarded.js'

// Reading the forwarded headers: which value of each one the trusted hops vouch for.

/** A value one header gave, with where it came from (an environ key, or `Forwarded for=`) for the log. */
export interface Found {
  header: string
  value: string
}

export interface Reader {
  for: Found | undefined
  proto: Found | undefined
  host: Found | undefined
}

export function forwardedForReader(environ: Environ, hops: Hops): Reader {
  return {
    for: hop(environ, 'HTTP_X_FORWARDED_FOR', hops.for),
    proto: hop(environ, 'HTTP_X_FORWARDED_PROTO', hops.proto),
    host: hop(environ, 'HTTP_X_FORWARDED_HOST', hops.host),
  }
}

/** The value `trusted` places from the right of a comma-separated header, or `undefined`. */
export function hop(environ: Environ, key: `HTTP_${string}`, trusted: number): Found | undefined {
  const field = environ[key]
  if (trusted === 0 || field === undefined) return undefined
  const values = field.split(',')
  // Fewer values than trusted proxies: a proxy that should have added one did not; believe none.
  if (values.length < trusted) return undefined
  // The environ key is kept as is; logMalformed turns it into a header name only when it logs.
  return { header: key, value: (values[values.length - trusted] as string).trim() }
}

export function forwardedReader(environ: Environ, hops: Hops): Reader {
  const field = environ.HTTP_FORWARDED
  const none: Reader = { for: undefined, proto: undefined, host: undefined }
  if (field === undefined) return none
  const elements = parseForwarded(field)
  if (elements === undefined) {
    logMalformed(environ, { header: 'Forwarded', value: field })
    return none
  }
  const pick = (name: 'for' | 'proto' | 'host', trusted: number): Found | undefined => {
    if (trusted === 0 || elements.length < trusted) return undefined
    const value = (elements[elements.length - trusted] as ForwardedElement)[name]
    return value === undefined ? undefined : { header: `Forwarded ${name}=`, value }
  }
  const client = pick('for', hops.for)
  // RFC 7239 §6.3: "unknown" and obfuscated identifiers ("_hidden") are not addresses, and not errors.
  const hidden = client !== undefined && (client.value.toLowerCase() === 'unknown' || client.value.startsWith('_'))
  return { for: hidden ? undefined : client, proto: pick('proto', hops.proto), host: pick('host', hops.host) }
}

/** Writes an ignored value to `tsgi.errors`. */
export function logMalformed(environ: Environ, found: Found): void {
  // JSON.stringify escapes control characters, so a forged value cannot forge a log line.
  const shown = JSON.stringify(found.value.length > 200 ? `${found.value.slice(0, 200)}…` : found.value)
  environ['tsgi.errors'].write(
    `proxyFix(): ignored a malformed ${headerName(found.header)} value ${shown} from ${environ.REMOTE_ADDR}\n`,
  )
}

function headerName(key: string): string {
  if (!key.startsWith('HTTP_')) return key
  return key
    .slice(5)
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('-')
}
