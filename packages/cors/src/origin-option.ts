import type { Environ } from '@tsgi/core'

/**
 * What `cors()` accepts as its `origin` option: `'*'`, one origin, a list of origins, a `RegExp`
 * or a function of the request's `Origin` and the environ.
 *
 * @example
 * const origin: OriginOption = ['https://app.example', 'https://admin.app.example']
 */
export type OriginOption = string | readonly string[] | RegExp | ((origin: string, environ: Environ) => boolean)
