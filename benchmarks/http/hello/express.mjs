// Express 5.
import express from 'express'
import { host, ready } from '../../lib/ready.mjs'

const app = express()
app.get('/', (_req, res) => {
  res.type('text/plain').send('Hello, world!')
})
const server = app.listen(0, host, () => ready(server.address().port))
