import { serve } from '@tsgi/node'
import { conformance } from './conformance/index.js'

conformance('@tsgi/node serve()', async (app, options) => {
  const server = await serve(app, { port: 0, shutdownTimeout: 1000, ...options })
  return { url: server.url, close: () => server.close() }
})
