import type { TestHeaders, TestRequestInit } from './types.js'

/** One redirect a {@link client} followed: the request that got it and where it pointed. */
export interface RedirectStep {
  /** The method of the request that was redirected. */
  readonly method: string
  /** The URL of that request. */
  readonly url: string
  /** The redirect's status: 301, 302, 303, 307 or 308. */
  readonly status: number
  /** Its `Location` header, as sent. */
  readonly location: string
}

/**
 * The statuses a client follows (RFC 9110 §15.4); 300, 304 and 305 are not redirects to follow.
 *
 * @example
 * if (REDIRECT_STATUSES.has(response.status)) console.log('to', response.header('location'))
 */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308])

const BODY_HEADERS = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
])

/**
 * The request a browser makes for a redirect (RFC 9110 §15.4, the Fetch standard's HTTP-redirect
 * fetch): 303 becomes a GET (a HEAD stays a HEAD), as do 301 and 302 after a POST; 307 and 308 keep
 * the method and the body, which must then be bytes or a string (a stream cannot be sent twice).
 * Without a body, the Content-* headers go too; to another origin, so does `Authorization`. The
 * `Location` is resolved against `url`; the fragment is dropped.
 *
 * @throws {TypeError} if the Location is not an http(s) URL, leaves the app's `scriptName`, or a
 * 307/308 would have to send a streamed body again.
 */
export function redirectInit(init: TestRequestInit, url: URL, status: number, location: string): TestRequestInit {
  let next: URL
  try {
    next = new URL(location, url)
  } catch {
    throw new TypeError(`client(): cannot follow the ${status} to ${JSON.stringify(location)}: not a URL`)
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new TypeError(`client(): cannot follow the ${status} to ${JSON.stringify(location)}: not http or https`)
  }
  const method = init.method ?? 'GET'
  const toGet = (status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')
  const body = toGet ? undefined : init.body
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new TypeError(
      `client(): cannot follow the ${status} with a streamed body; pass the body as bytes or a string`,
    )
  }
  const path = next.pathname + next.search
  const scriptName = init.scriptName ?? ''
  if (scriptName !== '' && path !== scriptName && !path.startsWith(`${scriptName}/`)) {
    throw new TypeError(
      `client(): the ${status} to ${JSON.stringify(location)} leaves the app mounted at ${scriptName}`,
    )
  }
  const crossOrigin = next.origin !== url.origin
  const headers = pairsOf(init.headers ?? {}).filter(([name]) => {
    const lower = name.toLowerCase()
    return !(
      lower === 'host' ||
      (body === undefined && BODY_HEADERS.has(lower)) ||
      (crossOrigin && lower === 'authorization')
    )
  })
  const { body: _dropped, ...rest } = init
  return {
    ...rest,
    method: toGet ? (method === 'HEAD' ? 'HEAD' : 'GET') : method,
    path,
    headers,
    host: next.host,
    scheme: next.protocol === 'https:' ? 'https' : 'http',
    ...(body === undefined ? {} : { body }),
  }
}

/** Request headers as `[name, value]` pairs, a list value spread into one pair each. */
export function pairsOf(headers: TestHeaders): Array<readonly [string, string]> {
  if (Array.isArray(headers)) return [...(headers as ReadonlyArray<readonly [string, string]>)]
  const pairs: Array<readonly [string, string]> = []
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') pairs.push([name, value])
    else for (const item of value as readonly string[]) pairs.push([name, item])
  }
  return pairs
}
