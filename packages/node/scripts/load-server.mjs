// The server side of load.mjs, in its own process so that its RSS is measured alone. Serves:
//   GET  /          a hello-world body
//   GET  /big?n=N   N bytes, streamed from a sync generator in 64 KiB chunks
//   POST /upload    reads the whole body and answers with its size
// Started by load.mjs with --expose-gc and an IPC channel; answers { rss } to 'rss' messages.
// With `--raw`, the same routes on raw node:http (hello world only), the soak's baseline.
import { createServer } from 'node:http'
import { serve } from '@tsgi/node'

const encoder = new TextEncoder()
const hello = encoder.encode('Hello, world!\n')
const block = new Uint8Array(64 * 1024).fill(120)

function* bytes(total) {
  for (let sent = 0; sent < total; sent += block.byteLength) {
    yield total - sent >= block.byteLength ? block : block.subarray(0, total - sent)
  }
}

async function app(environ, startResponse) {
  if (environ.PATH_INFO === '/big') {
    const total = Number(new URLSearchParams(environ.QUERY_STRING).get('n'))
    startResponse('200 OK', [['content-length', `${total}`]])
    return bytes(total)
  }
  if (environ.PATH_INFO === '/upload') {
    let received = 0
    for await (const chunk of environ['tsgi.input']) received += chunk.byteLength
    startResponse('200 OK', [])
    return [encoder.encode(`${received}`)]
  }
  startResponse('200 OK', [['content-type', 'text/plain']])
  return [hello]
}

async function rawServer() {
  const server = createServer({ keepAliveTimeout: 60_000 }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': hello.byteLength })
    res.end(hello)
  })
  server.keepAliveTimeout = 60_000
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) }
}

const server = process.argv.includes('--raw')
  ? await rawServer()
  : await serve(app, { port: 0, maxBodySize: Number.POSITIVE_INFINITY, keepAliveTimeout: 60_000 })
process.on('message', async (message) => {
  if (message === 'rss') {
    globalThis.gc?.()
    const { rss, heapUsed } = process.memoryUsage()
    process.send({ rss, heapUsed })
  } else if (message === 'rss-now') {
    process.send({ rss: process.memoryUsage().rss })
  } else if (message === 'close') {
    await server.close()
    process.exit(0)
  }
})
process.send({ url: server.url })
