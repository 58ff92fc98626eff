import { describe } from './_internal/describe.js'
import type { Middleware } from './types.js'

/**
 * Combines middleware into one (spec §7). The first argument is the outermost layer, so
 * `compose(a, b)(app)` is `a(b(app))` and a request meets `a` first. The layers are applied once,
 * when the composed middleware is applied to an app; no per-request cost is added.
 *
 * @throws {TypeError} if an argument is not a function, or if a layer returns something that is
 * not an app, so mistakes surface when the app is built, not on the first request.
 * @example
 * const app = compose(exceptionMiddleware, lint)(routes)
 */
export function compose(...middleware: Middleware[]): Middleware {
  middleware.forEach((fn, index) => {
    if (typeof fn !== 'function') {
      throw new TypeError(`compose(): argument ${index} must be a middleware function, got ${describe(fn)}`)
    }
  })
  return function composed(app) {
    if (typeof app !== 'function') {
      throw new TypeError(`compose(...)(app): app must be a function, got ${describe(app)}`)
    }
    let inner = app
    for (let index = middleware.length - 1; index >= 0; index--) {
      inner = middleware[index]!(inner)
      if (typeof inner !== 'function') {
        throw new TypeError(`compose(): middleware ${index} must return an app function, got ${describe(inner)}`)
      }
    }
    return inner
  }
}
