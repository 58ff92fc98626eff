// Baseline: raw node:http, the least a Node server can do for this response.
import { createServer } from 'node:http'
import { host, ready } from '../../lib/ready.mjs'

const body = Buffer.from('Hello, world!')
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length })
  res.end(body)
})
server.listen(0, host, () => ready(server.address().port))
