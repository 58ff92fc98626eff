/**
 * The tutorial's router, line for line:
 *
 *     urls = [
 *         (r'^$', Index),
 *         (r'hello/?$', Hello),
 *         (r'goodbye/?)$', Goodbye)
 *     ]
 *
 *     def router(environ, start_response):
 *         path = environ.get('PATH_INFO', '').lstrip('/')
 *         for regex, callback in urls:
 *             match = re.search(regex, path)
 *             if match is not None:
 *                 environ['myapp.url_args'] = match.groups()
 *                 return callback()(environ, start_response)
 *         return not_found(environ, start_response)
 *
 * What changes:
 * - The patterns see `PATH_INFO` with its leading slash (Python stripped it), and are anchored at
 *   both ends: `re.search(r'hello/?$')` also matched `/say-hello`.
 * - `'goodbye/?)$'` is a typo: the unmatched `)` does not compile in Python either
 *   (`re.error: unbalanced parenthesis`). It is ported as meant: `/^\/goodbye\/?$/`.
 * - `environ['myapp.url_args'] = match.groups()` is `tsgi.routing_args`, set by `router()`.
 * - `callback()` made a new handler per request; here the routes hold apps (functions) directly.
 * - The route list is compiled once, when the router is built, not scanned with `re.search` per
 *   request.
 */
import type { App } from '@tsgi/core'
import { router } from '@tsgi/router'
import { goodbye, hello, index, notFound } from './pages.js'

/** The tutorial's `urls` list. */
export const urls: readonly (readonly [RegExp, App])[] = [
  [/^\/$/, index],
  [/^\/hello\/?$/, hello],
  [/^\/goodbye\/?$/, goodbye],
]

/** The tutorial's `router`, with its `not_found`. */
export const tutorial: App = router(urls, { notFound })
