/**
 * @module
 * `router(routes)`: dispatch on path-to-regexp patterns and `RegExp`s, with methods,
 * 404/405/OPTIONS, `mount()` for sub-apps, and `tsgi.routing_args` (after `wsgiorg.routing_args`).
 *
 * @example
 * import { mount, route, router, routingArgs } from '@tsgi/router'
 */

// Routing
export type { CompileOptions } from './compile.js'
export { mount } from './mount.js'
export { type PathParams, type Pattern, type Route, type RouteApp, type RouteEnviron, route } from './route.js'
export { type RouterOptions, router } from './router.js'
export { type RoutingArgs, routingArgs } from './routing-args.js'
