// The production stack's request and answer, shared by its servers. Every server puts the same
// layers around the 20 routes of the `stack` scenario: proxy trust (the request came through a
// proxy on 127.0.0.1), an access log, error handling, CORS for one trusted origin, secure
// headers, a signed session cookie read and written, and the JSON answer compressed with gzip.
import { createWriteStream } from 'node:fs'
import { path as stackPath } from '../stack/routes.mjs'

export { patterns, target } from '../stack/routes.mjs'

/** The request: the `stack` request, as a browser on app.example sends it through the proxy. */
export const path = stackPath

/** Sent with every request; the session cookie (per server, from `/login`) is added to them. */
export const headers = {
  'accept-encoding': 'gzip',
  origin: 'https://app.example',
  'x-forwarded-for': '203.0.113.7',
  'x-forwarded-proto': 'https',
}

/** The one origin CORS allows, with credentials. */
export const ORIGIN = 'https://app.example'

/** The session cookie's name, and the secret (≥ 32 bytes) or key that signs or seals it. */
export const COOKIE = 'session'
export const SECRET = 'a benchmark secret of at least thirty-two bytes'

/** Where the access log goes: written, as a server writes it, to /dev/null. */
export const logSink = createWriteStream('/dev/null')

/** `GET /login` stores this count in the session; each request reads it and writes it plus one. */
export const LOGIN_VISITS = 41

// Enough orders that the JSON (about 1.4 KiB) is over every compressor's 1 KiB threshold.
const orders = Array.from({ length: 24 }, (_, index) => ({
  id: `order-${1000 + index}`,
  total: (index + 1) * 12.5,
  status: index % 3 === 0 ? 'shipped' : 'processing',
}))

/**
 * The object the target handler answers: the path parameter, two query fields (string or array,
 * first wins), the session's count after this request, the client and scheme the proxy reported.
 */
export function answer({ id, fields, page, visits, client, scheme }) {
  const first = (value) => (Array.isArray(value) ? value[0] : value)
  return { id, fields: first(fields), page: first(page), visits, client, scheme, orders }
}

/** What every server must answer, decompressed. */
export const expected = JSON.stringify(
  answer({
    id: '42',
    fields: 'name,email',
    page: '2',
    visits: LOGIN_VISITS + 1,
    client: '203.0.113.7',
    scheme: 'https',
  }),
)

/** Response headers every server must send (name → a test of its value), checked before timing. */
export const checks = {
  'content-encoding': (value) => value === 'gzip',
  'access-control-allow-origin': (value) => value === ORIGIN,
  'access-control-allow-credentials': (value) => value === 'true',
  'x-content-type-options': (value) => value === 'nosniff',
  'strict-transport-security': (value) => typeof value === 'string' && value.startsWith('max-age='),
  'set-cookie': (value) => typeof value === 'string' && value.startsWith(`${COOKIE}=`),
}
