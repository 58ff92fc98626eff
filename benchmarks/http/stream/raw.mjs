// Baseline: raw node:http streaming 64 MiB out with backpressure, and reading 64 MiB in.
import { createServer } from 'node:http'
import { host, ready } from '../../lib/ready.mjs'
import { CHUNK_COUNT, makeChunk, TOTAL } from './body.mjs'

const chunk = makeChunk()

function download(res) {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': TOTAL })
  let sent = 0
  const pump = () => {
    while (sent < CHUNK_COUNT) {
      sent++
      if (!res.write(chunk)) return res.once('drain', pump)
    }
    res.end()
  }
  pump()
}

async function upload(req, res) {
  let bytes = 0
  for await (const data of req) bytes += data.length
  const body = Buffer.from(String(bytes))
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length })
  res.end(body)
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/download') return download(res)
  if (req.method === 'POST' && req.url === '/upload') {
    return upload(req, res).catch(() => {
      res.writeHead(500)
      res.end()
    })
  }
  res.writeHead(404)
  res.end()
})
server.listen(0, host, () => ready(server.address().port))
