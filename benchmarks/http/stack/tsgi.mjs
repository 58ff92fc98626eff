// tsgi: @tsgi/router + @tsgi/exceptions + @tsgi/query on @tsgi/node.
import { exceptionMiddleware } from '@tsgi/exceptions'
import { serve } from '@tsgi/node'
import { queryOf } from '@tsgi/query'
import { router } from '@tsgi/router'
import { host, ready } from '../../lib/ready.mjs'
import { answer, patterns, target } from './routes.mjs'

const encoder = new TextEncoder()
const json = [['content-type', 'application/json']]

const user = (environ, startResponse) => {
  const { id } = environ['tsgi.routing_args'][1]
  const query = queryOf(environ)
  startResponse('200 OK', json)
  return [encoder.encode(JSON.stringify(answer(id, query.fields, query.page)))]
}

const routes = patterns.map((pattern) => {
  if (pattern === target) return [pattern, user]
  const body = encoder.encode(JSON.stringify({ route: pattern }))
  return [
    pattern,
    (_environ, startResponse) => {
      startResponse('200 OK', json)
      return [body]
    },
  ]
})

const server = await serve(exceptionMiddleware(router(routes)), { port: 0, host })
ready(server.port)
