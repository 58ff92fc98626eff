/**
 * The tutorial's routes again, the way you would write them with `@tsgi/router`: path patterns
 * with parameters, methods per route (GET also answers HEAD; other methods get a 405 with
 * `Allow`), and the regex version of `tutorial.ts` mounted under `/tutorial`.
 */
import type { App } from '@tsgi/core'
import { mount, router } from '@tsgi/router'
import { goodbye, hello, helloForm, index, notFound } from './pages.js'
import { tutorial } from './tutorial.js'

export const app: App = router(
  [
    ['/', index, ['GET']],
    ['/hello', hello, ['GET']],
    ['/hello', helloForm, ['POST']], // same path, another method
    ['/hello/:subject', hello, ['GET']], // routing_args: [[], { subject }]
    ['/goodbye', goodbye, ['GET']],
    ['/tutorial{/*rest}', mount('/tutorial', tutorial)], // SCRIPT_NAME '/tutorial', PATH_INFO the rest
  ],
  { notFound },
)
