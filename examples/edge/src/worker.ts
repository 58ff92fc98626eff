// The Cloudflare Worker: `wrangler deploy` (wrangler.toml names this file). Workers run many
// copies of a module, so `tsgi.multiprocess` is true; the client's address arrives in the
// `cf-connecting-ip` field that Cloudflare's edge sets (absent when run locally).
import { toFetchHandler } from '@tsgi/fetch'
import { app } from './app.js'

export default {
  fetch: toFetchHandler(app, {
    multiprocess: true,
    remoteAddress: (request) => {
      const address = request.headers.get('cf-connecting-ip')
      return address === null ? undefined : { address }
    },
  }),
}
