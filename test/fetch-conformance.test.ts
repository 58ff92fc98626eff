import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { toFetchHandler } from '@tsgi/fetch'
import { conformance } from './conformance/index.js'

// The server conformance suite through the fetch adapter: node:http parses the request,
// @hono/node-server turns it into a Request and the Response back, and toFetchHandler runs the app.
conformance(
  '@tsgi/fetch toFetchHandler()',
  async (app, options) => {
    const remoteAddress = (_request: Request, env: unknown) => {
      const socket = (env as { incoming: IncomingMessage }).incoming.socket
      return { address: socket.remoteAddress ?? '', port: socket.remotePort }
    }
    const server = createAdaptorServer({ fetch: toFetchHandler(app, { ...options, remoteAddress }) })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    return {
      url: `http://127.0.0.1:${port}`,
      close: () =>
        new Promise<void>((resolve) => {
          ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
          server.close(() => resolve())
        }),
    }
  },
  {
    'raw-path': 'the WHATWG URL parser resolves dot segments, %2e included, before a fetch handler sees the URL',
    'expect-continue': 'node:http answers Expect: 100-continue itself in front of a fetch handler',
    'reason-phrase': "@hono/node-server sends node's reason phrase, not Response.statusText",
    'header-count-limit': 'counting header fields is the node server’s job (@tsgi/node maxHeaderCount)',
    'server-address': 'a fetch handler knows only the request URL, which the bridge builds from the Host field',
    'separate-fields': 'the Headers class joins repeated fields (Content-Type included) before the handler sees them',
    'asterisk-form': 'a Request URL cannot hold the target *; the bridge in front decides what becomes of it',
    'transfer-codings': 'the bridge in front decodes the body and answers other codings itself (a 400 here)',
  },
)
