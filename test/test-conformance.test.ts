import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type App, type ErrorStream, errorResponse } from '@tsgi/core'
import { stream } from '@tsgi/test'
import { conformance } from './conformance/index.js'

// The server conformance suite through the test client: node:http parses the request, and
// @tsgi/test's stream() runs the app in memory with core's response driver, as it does in every
// unit test. What a server does that the test client leaves to one (an error response, a cut
// connection) this bridge does with the test client's answers: a rejection before the head is
// core's error response, one after it destroys the connection.
conformance(
  '@tsgi/test stream()',
  async (app, options) => {
    const errors: ErrorStream = options.errors ?? { write: () => {} }
    const server = createServer((req, res) => void bridge(app, errors, req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    return {
      url: `http://127.0.0.1:${port}`,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections()
          server.close(() => resolve())
        }),
    }
  },
  {
    'expect-continue': 'node:http in front of the test client answers Expect: 100-continue itself',
    'header-count-limit': 'the test client runs in memory: counting header fields is the server’s job',
    'transfer-codings': 'the test client takes a decoded body; transfer codings are the server’s job',
    'body-limit': 'the test client runs in memory and has no maxBodySize: body limits are the server’s job',
    'peer-port': 'the test client runs in memory: there is no client socket, so no REMOTE_PORT',
  },
)

async function bridge(app: App, errors: ErrorStream, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers: [string, string][] = []
  for (let index = 0; index < req.rawHeaders.length; index += 2) {
    headers.push([req.rawHeaders[index] as string, req.rawHeaders[index + 1] as string])
  }
  const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined
  const local = req.socket.localPort
  let response: Awaited<ReturnType<typeof stream>>
  try {
    response = await stream(app, {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers,
      host: `${req.socket.localAddress}:${local}`,
      errors,
      lint: false,
      ...(hasBody ? { body: req } : {}),
    })
  } catch (error) {
    const { status, reason, headers: out, body } = errorResponse(error)
    res.writeHead(status, reason, out as [string, string][]).end(body)
    return
  }
  res.once('close', () => {
    if (!res.writableFinished) response.abort()
  })
  res.writeHead(response.status, response.statusText, response.headers as [string, string][])
  try {
    for await (const chunk of response.chunks) {
      if (!res.write(chunk)) await once(res, 'drain')
    }
    res.end()
  } catch {
    // Cut as a server cuts (spec §6.2.2): what was written is flushed, the framing stays unfinished.
    res.socket?.end()
  }
}
