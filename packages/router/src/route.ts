import type { App, Body, Environ, StartResponse } from '@tsgi/core'
import type { RoutingArgs } from './routing-args.js'

/** A route pattern: a path-to-regexp 8 string (`'/users/:id'`) or a `RegExp` applied to `PATH_INFO`. */
export type Pattern = string | RegExp

/** One entry of a `router()` table, as a tuple or an object. `methods` are upper-case method names. */
export type Route =
  | readonly [pattern: Pattern, app: App]
  | readonly [pattern: Pattern, app: App, methods: readonly string[]]
  | { readonly pattern: Pattern; readonly app: App; readonly methods?: readonly string[] | undefined }

type IdChar =
  | 'a'
  | 'b'
  | 'c'
  | 'd'
  | 'e'
  | 'f'
  | 'g'
  | 'h'
  | 'i'
  | 'j'
  | 'k'
  | 'l'
  | 'm'
  | 'n'
  | 'o'
  | 'p'
  | 'q'
  | 'r'
  | 's'
  | 't'
  | 'u'
  | 'v'
  | 'w'
  | 'x'
  | 'y'
  | 'z'
  | 'A'
  | 'B'
  | 'C'
  | 'D'
  | 'E'
  | 'F'
  | 'G'
  | 'H'
  | 'I'
  | 'J'
  | 'K'
  | 'L'
  | 'M'
  | 'N'
  | 'O'
  | 'P'
  | 'Q'
  | 'R'
  | 'S'
  | 'T'
  | 'U'
  | 'V'
  | 'W'
  | 'X'
  | 'Y'
  | 'Z'
  | '0'
  | '1'
  | '2'
  | '3'
  | '4'
  | '5'
  | '6'
  | '7'
  | '8'
  | '9'
  | '_'
  | '$'

/** Reads a parameter name: `[name, rest]`; a quoted name (`:"a b"`) runs to the closing quote. */
type TakeName<S extends string, N extends string = ''> = N extends ''
  ? S extends `"${infer Q}"${infer R}`
    ? [Q, R]
    : S extends `${infer C}${infer R}`
      ? C extends IdChar
        ? TakeName<R, C>
        : [N, S]
      : [N, S]
  : S extends `${infer C}${infer R}`
    ? C extends IdChar
      ? TakeName<R, `${N}${C}`>
      : [N, S]
    : [N, S]

/** Walks a pattern, collecting required and optional (inside `{…}`) parameter names. */
type Walk<
  S extends string,
  Depth extends 0[] = [],
  Req extends string = never,
  Opt extends string = never,
> = S extends `\\${string}${infer R}`
  ? Walk<R extends `${string}${infer R2}` ? R2 : R, Depth, Req, Opt>
  : S extends `${infer C}${infer R}`
    ? C extends '{'
      ? Walk<R, [...Depth, 0], Req, Opt>
      : C extends '}'
        ? Walk<R, Depth extends [0, ...infer D extends 0[]] ? D : [], Req, Opt>
        : C extends ':' | '*'
          ? TakeName<R> extends [infer N extends string, infer Rest extends string]
            ? Depth extends []
              ? Walk<Rest, Depth, Req | N, Opt>
              : Walk<Rest, Depth, Req, Opt | N>
            : never
          : Walk<R, Depth, Req, Opt>
    : [Req, Opt]

type Flatten<T> = { [K in keyof T]: T[K] } & {}

/**
 * The named parameters of a path-to-regexp pattern: `PathParams<'/a/:b{/:c}'>` is
 * `{ b: string; c: string | undefined }`. Wildcards (`*rest`) are strings joined with `/`.
 */
export type PathParams<P extends string> = string extends P
  ? Record<string, string>
  : Walk<P> extends [infer Req extends string, infer Opt extends string]
    ? Flatten<{ [K in Req]: string } & { [K in Exclude<Opt, Req>]: string | undefined }>
    : never

/**
 * The environ a `route()` app receives: `tsgi.routing_args` is present and typed from the pattern
 * (an optional parameter that did not match is absent from the object, so it reads `undefined`).
 */
export type RouteEnviron<P extends Pattern> = Omit<Environ, 'tsgi.routing_args'> & {
  'tsgi.routing_args': [positional: RoutingArgs[0], named: P extends string ? PathParams<P> : Record<string, string>]
}

/** An app whose environ is a {@link RouteEnviron}. */
export type RouteApp<P extends Pattern> = (
  environ: RouteEnviron<P>,
  startResponse: StartResponse,
) => Body | Promise<Body>

/**
 * Builds a route whose app gets a typed environ: the path parameters are inferred from the
 * pattern string, optional ones (inside `{…}`) as `string | undefined`.
 *
 * @example
 * const showFile = route('/files/:name{.:ext}', (environ, startResponse) => {
 *   const [, { name, ext }] = environ['tsgi.routing_args'] // name: string, ext: string | undefined
 *   startResponse('200 OK', [['content-type', 'text/plain']])
 *   return [new TextEncoder().encode(`${name} ${ext ?? '-'}`)]
 * }, ['GET'])
 */
export function route<const P extends Pattern>(pattern: P, app: RouteApp<P>, methods?: readonly string[]): Route {
  // The router sets 'tsgi.routing_args' before calling the app, so the narrower environ holds.
  return { pattern, app: app as unknown as App, methods }
}
