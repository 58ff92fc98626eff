/**
 * What `router()` stores in `environ['tsgi.routing_args']` (spec §2.4, after the
 * `wsgiorg.routing_args` spec): the unnamed groups of a `RegExp` route in order (`undefined` for a group that did not
 * take part in the match), and the named groups and path parameters in a null-prototype object.
 */
export type RoutingArgs = [positional: (string | undefined)[], named: Record<string, string>]

declare module '@tsgi/core' {
  interface EnvironExtensions {
    /** Set by `router()` on a match: the route's positional and named parameters (`wsgiorg.routing_args`). */
    'tsgi.routing_args'?: RoutingArgs
  }
}

/**
 * Reads the routing arguments `router()` set for the matched route. With `route()`, the named
 * parameters are typed from the pattern.
 *
 * @throws {TypeError} if the environ has no `tsgi.routing_args`, i.e. the app was not called by a router.
 * @example
 * const showUser: App = (environ, startResponse) => {
 *   const [, { id }] = routingArgs(environ)
 *   // …
 * }
 */
export function routingArgs<E extends { readonly 'tsgi.routing_args'?: unknown }>(
  environ: E,
): NonNullable<E['tsgi.routing_args']> {
  const args = environ?.['tsgi.routing_args']
  if (args === undefined) {
    throw new TypeError("routingArgs(): environ has no 'tsgi.routing_args'; was the app called by router()?")
  }
  return args as NonNullable<E['tsgi.routing_args']>
}
