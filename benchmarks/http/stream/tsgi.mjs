// @tsgi/node: a sync generator body of 1024 × 64 KiB (the server applies backpressure), and an
// app reading the request body through tsgi.input.
import { serve } from '@tsgi/node'
import { host, ready } from '../../lib/ready.mjs'
import { CHUNK_COUNT, makeChunk, TOTAL } from './body.mjs'

const chunk = makeChunk()
const encoder = new TextEncoder()

function* chunks() {
  for (let index = 0; index < CHUNK_COUNT; index++) yield chunk
}

const download = (_environ, startResponse) => {
  startResponse('200 OK', [
    ['content-type', 'application/octet-stream'],
    ['content-length', String(TOTAL)],
  ])
  return chunks()
}

const upload = async (environ, startResponse) => {
  let bytes = 0
  for await (const data of environ['tsgi.input']) bytes += data.length
  startResponse('200 OK', [['content-type', 'text/plain']])
  return [encoder.encode(String(bytes))]
}

const notFound = (_environ, startResponse) => {
  startResponse('404 Not Found', [['content-type', 'text/plain']])
  return []
}

const app = (environ, startResponse) => {
  if (environ.REQUEST_METHOD === 'GET' && environ.PATH_INFO === '/download') return download(environ, startResponse)
  if (environ.REQUEST_METHOD === 'POST' && environ.PATH_INFO === '/upload') return upload(environ, startResponse)
  return notFound(environ, startResponse)
}

const server = await serve(app, { port: 0, host })
ready(server.port)
