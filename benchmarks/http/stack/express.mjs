// Express 5: its router, req.query and an error-handling middleware.
import express from 'express'
import { host, ready } from '../../lib/ready.mjs'
import { answer, patterns, target } from './routes.mjs'

const app = express()
for (const pattern of patterns) {
  if (pattern === target) {
    app.get(pattern, (req, res) => {
      res.json(answer(req.params.id, req.query.fields, req.query.page))
    })
  } else {
    app.get(pattern, (_req, res) => {
      res.json({ route: pattern })
    })
  }
}
app.use((_error, _req, res, _next) => {
  res.status(500).type('text/plain').send('Internal Server Error')
})
const server = app.listen(0, host, () => ready(server.address().port))
