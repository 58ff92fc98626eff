import { serve } from '@tsgi/node'
import { afterAll } from 'vitest'
import { certificate } from '../packages/node/test/tls.js'
import { h2Fetch } from './conformance/h2-fetch.js'
import { conformance } from './conformance/index.js'

// The server conformance suite over HTTP/2: h2 over TLS and cleartext h2c. The suite's fetch()
// speaks HTTP/2 in this file (its own worker), and so do its raw exchanges (conformance/h2.ts);
// skipped is only what HTTP/2 has no form for.
const client = h2Fetch()
globalThis.fetch = client.fetch
afterAll(() => client.close())
const tls = await certificate()

const unsupported = {
  'http1-wire':
    'HTTP/1.1 message syntax (chunked coding, HTTP/1.0, pipelining, keep-alive, the absolute form, malformed field lines) has no HTTP/2 form: HTTP/2 frames requests in streams (RFC 9113 §8.1, §8.2.2, §8.3.1)',
  'reason-phrase': 'HTTP/2 has no reason phrase (RFC 9113 §8.3.2)',
  'transfer-codings': 'HTTP/2 forbids Transfer-Encoding (RFC 9113 §8.2.2)',
  'separate-fields':
    'a sender must not repeat Content-Type (RFC 9110 §5.3) and an HTTP/2 client (node’s) holds to it; there is no raw HTTP/2 wire to write it on',
} as const

conformance(
  '@tsgi/node serve({ http2: true, tls })',
  async (app, options) => {
    const server = await serve(app, { port: 0, shutdownTimeout: 1000, http2: true, tls, ...options })
    return { url: server.url, close: () => server.close() }
  },
  unsupported,
  'HTTP/2',
)

conformance(
  '@tsgi/node serve({ http2: true }) (h2c)',
  async (app, options) => {
    const server = await serve(app, { port: 0, shutdownTimeout: 1000, http2: true, ...options })
    return { url: server.url, close: () => server.close() }
  },
  unsupported,
  'HTTP/2',
)
