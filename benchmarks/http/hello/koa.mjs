// Koa 3.
import Koa from 'koa'
import { host, ready } from '../../lib/ready.mjs'

const app = new Koa()
app.use((ctx) => {
  ctx.body = 'Hello, world!'
})
const server = app.listen(0, host, () => ready(server.address().port))
