// @tsgi/node serving a bare app over h2c: the cost of the tsgi interface over raw node:http2.
import { serve } from '@tsgi/node'
import { host, ready } from '../../lib/ready.mjs'

const body = new TextEncoder().encode('Hello, world!')
const headers = [['content-type', 'text/plain']]
const app = (_environ, startResponse) => {
  startResponse('200 OK', headers)
  return [body]
}
const server = await serve(app, { port: 0, host, http2: true })
ready(server.port)
