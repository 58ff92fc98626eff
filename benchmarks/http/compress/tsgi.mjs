// @tsgi/node with @tsgi/compress: the JSON as an array body (compressed in one go, with a
// Content-Length), the text as a sync generator (compressed and flushed chunk by chunk).
import { compress } from '@tsgi/compress'
import { serve } from '@tsgi/node'
import { host, ready } from '../../lib/ready.mjs'
import { JSON_BODY, textChunks } from './payload.mjs'

const chunks = textChunks()
const json = [['content-type', 'application/json']]
const text = [['content-type', 'text/plain; charset=utf-8']]
const notFound = [['content-type', 'text/plain']]

function app(environ, startResponse) {
  if (environ.PATH_INFO === '/json') {
    startResponse('200 OK', json)
    return [JSON_BODY]
  }
  if (environ.PATH_INFO === '/text') {
    startResponse('200 OK', text)
    return chunks.values()
  }
  startResponse('404 Not Found', notFound)
  return []
}

const server = await serve(compress(app), { port: 0, host })
ready(server.port)
