import { describe } from 'vitest'
import { context, type ServeApp, type Unsupported } from './context.js'
import { contractTests } from './contract.js'
import { environTests } from './environ.js'
import { inputTests } from './input.js'
import { lifecycleTests } from './lifecycle.js'
import { protocolTests } from './protocol.js'
import { responseTests } from './response.js'
import { thrownTests } from './thrown.js'

export type { Feature, ServeApp, ServeAppOptions, ServedApp, Unsupported } from './context.js'

/**
 * The server conformance suite: every server-side rule of docs/spec.md (§1–§6), checked
 * against a real server on 127.0.0.1, with raw sockets where an HTTP client would hide the
 * behaviour. Any adapter runs it by passing a function that serves an app and returns its URL.
 *
 * @example
 * conformance('@tsgi/node', async (app, options) => {
 *   const server = await serve(app, { port: 0, ...options })
 *   return { url: server.url, close: () => server.close() }
 * })
 */
export function conformance(name: string, serveApp: ServeApp, unsupported: Unsupported = {}): void {
  describe(`${name} conformance`, () => {
    const ctx = context(serveApp, unsupported)
    environTests(ctx)
    inputTests(ctx)
    responseTests(ctx)
    lifecycleTests(ctx)
    contractTests(ctx)
    protocolTests(ctx)
    thrownTests(ctx)
  })
}
