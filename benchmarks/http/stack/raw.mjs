// Baseline: raw node:http with what a hand-written server does: a linear RegExp scan over the
// routes, node:querystring, and a try/catch that turns a throw into a 500.
import { createServer } from 'node:http'
import { parse } from 'node:querystring'
import { host, ready } from '../../lib/ready.mjs'
import { answer, patterns, target } from './routes.mjs'

function send(res, status, type, text) {
  const body = Buffer.from(text)
  res.writeHead(status, { 'content-type': type, 'content-length': body.length })
  res.end(body)
}

const routes = patterns.map((pattern) => {
  const names = []
  const source = pattern.replace(/:(\w+)/g, (_, name) => {
    names.push(name)
    return '([^/]+)'
  })
  const handler =
    pattern === target
      ? (_req, res, params, query) => {
          const q = parse(query)
          send(res, 200, 'application/json', JSON.stringify(answer(params.id, q.fields, q.page)))
        }
      : (_req, res) => send(res, 200, 'application/json', JSON.stringify({ route: pattern }))
  return { regexp: new RegExp(`^${source}$`), names, handler }
})

const server = createServer((req, res) => {
  try {
    const url = req.url
    const mark = url.indexOf('?')
    const pathname = mark === -1 ? url : url.slice(0, mark)
    const query = mark === -1 ? '' : url.slice(mark + 1)
    for (const route of routes) {
      const match = route.regexp.exec(pathname)
      if (match === null) continue
      const params = {}
      for (let index = 0; index < route.names.length; index++) {
        params[route.names[index]] = decodeURIComponent(match[index + 1])
      }
      return route.handler(req, res, params, query)
    }
    send(res, 404, 'text/plain', 'Not Found')
  } catch {
    send(res, 500, 'text/plain', 'Internal Server Error')
  }
})
server.listen(0, host, () => ready(server.address().port))
