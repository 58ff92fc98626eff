// Raw node:http2 (the stream API, cleartext h2c): the baseline for tsgi over HTTP/2.
import { createServer } from 'node:http2'
import { host, ready } from '../../lib/ready.mjs'

const body = Buffer.from('Hello, world!')
const server = createServer()
server.on('stream', (stream) => {
  stream.respond({ ':status': 200, 'content-type': 'text/plain', 'content-length': body.length })
  stream.end(body)
})
server.listen(0, host, () => ready(server.address().port))
