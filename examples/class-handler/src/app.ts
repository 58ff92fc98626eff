/**
 * The tutorial's class-based handler, `Hello`, on top of the `RequestHandler` base class:
 *
 *     class Hello(WSGIRequestHandler):
 *         def get(self):
 *             name = self.request['args'].get('subject','world')
 *             return ['Hello {0}'.format(name)]
 */
import type { App } from '@tsgi/core'
import { type HandlerRequest, type HandlerResult, RequestHandler } from './request-handler.js'

/** Greets `?subject=`, or the world, as text. */
export class Hello extends RequestHandler {
  override get({ args }: HandlerRequest): HandlerResult {
    // The tutorial's .get('subject', 'world') returned the whole list; the first value is meant.
    return [`Hello ${args.subject?.[0] ?? 'world'}`]
  }
}

/** The app a server runs: the tutorial's `make_server('localhost', 8080, Hello())`. */
export const hello: App = new Hello().app
