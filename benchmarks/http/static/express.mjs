// serve-static on Express 5, with its defaults (on send).
import express from 'express'
import serveStatic from 'serve-static'
import { host, ready } from '../../lib/ready.mjs'
import { ensureFiles, root } from './files.mjs'

ensureFiles()
const app = express()
app.use(serveStatic(root))
const server = app.listen(0, host, () => ready(server.address().port))
