/**
 * The tutorial's `ExceptionMiddleware` ("applications are like ogres, they have layers") around an
 * app that fails, once for production and once for development. `@tsgi/exceptions` is that
 * middleware made safe: the tutorial yielded the traceback to every client; here only `debug`
 * shows it, and the stack always goes to `tsgi.errors`.
 */
import type { App } from '@tsgi/core'
import { exceptionMiddleware } from '@tsgi/exceptions'
import { fragile } from './fragile.js'

/** Production: a 5xx shows its status text only; a 4xx shows its message. */
export const app: App = exceptionMiddleware(fragile)

/** Development: every page shows the message, the stack, the `cause` chain and the request line. */
export const debugApp: App = exceptionMiddleware(fragile, { debug: true })
