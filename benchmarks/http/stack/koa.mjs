// Koa 3 has no router of its own: find-my-way (as fastify uses it) behind a try/catch
// middleware, with ctx.query (node:querystring).
import FindMyWay from 'find-my-way'
import Koa from 'koa'
import { host, ready } from '../../lib/ready.mjs'
import { answer, patterns, target } from './routes.mjs'

const routes = FindMyWay()
for (const pattern of patterns) {
  if (pattern === target) {
    routes.on('GET', pattern, (ctx, params) => {
      ctx.body = answer(params.id, ctx.query.fields, ctx.query.page)
    })
  } else {
    routes.on('GET', pattern, (ctx) => {
      ctx.body = { route: pattern }
    })
  }
}

const app = new Koa()
app.use(async (ctx, next) => {
  try {
    await next()
  } catch {
    ctx.status = 500
    ctx.body = 'Internal Server Error'
  }
})
app.use((ctx) => {
  const found = routes.find(ctx.method, ctx.path)
  if (found === null) return
  return found.handler(ctx, found.params)
})
const server = app.listen(0, host, () => ready(server.address().port))
