import { serve } from '@tsgi/node'
import { certificate } from '../packages/node/test/tls.js'
import { conformance } from './conformance/index.js'

// The server conformance suite over HTTPS (HTTP/1.1 in TLS) with a certificate made here; the
// suite's fetch() and raw sockets accept it (this file runs in its own worker).
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
const tls = await certificate()

conformance('@tsgi/node serve({ tls })', async (app, options) => {
  const server = await serve(app, { port: 0, shutdownTimeout: 1000, tls, ...options })
  return { url: server.url, close: () => server.close() }
})
