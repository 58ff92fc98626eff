/**
 * @module
 * The tsgi server adapter on `node:http`, the reference server of docs/spec.md: `serve()`,
 * `toNodeHandler()` to mount an app in any node server, and `makeServer()` in the shape of
 * Python's `wsgiref.simple_server`.
 *
 * @example
 * import { serve } from '@tsgi/node'
 * const server = await serve(app, { port: 8000 })
 */

export { makeServer, type SimpleServer } from './make-server.js'
export {
  DEFAULT_MAX_BODY_SIZE,
  DEFAULT_MAX_HEADER_COUNT,
  type HandlerOptions,
  type ServeOptions,
} from './options.js'
export { serve, type TsgiServer } from './serve.js'
export { type NodeHandler, toNodeHandler } from './to-node-handler.js'
