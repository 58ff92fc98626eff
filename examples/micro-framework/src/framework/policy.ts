import type { App } from '@tsgi/core'
import { cors } from '@tsgi/cors'
import { csrf } from '@tsgi/csrf'
import { exceptionMiddleware } from '@tsgi/exceptions'
import { secureHeaders } from '@tsgi/secure-headers'

/** What `build()` takes: error-page detail, and the other sites' origins the API trusts. */
export interface PolicyOptions {
  /** Show error details on error pages (development only). @default false */
  debug?: boolean
  /** Origins of the browser apps allowed to call this API with cookies (CORS and CSRF). @default [] */
  origins?: readonly string[]
}

/**
 * The layers every app of the framework gets, outermost first: security headers on every answer,
 * CORS for the trusted origins (error pages included, so a browser app can read them), error
 * pages, then the CSRF check, which throws its 403 inside the error pages.
 */
export function policy(routed: App, { debug = false, origins = [] }: PolicyOptions = {}): App {
  const guarded = csrf(routed, { origin: origins })
  return secureHeaders(cors(exceptionMiddleware(guarded, { debug }), { origin: origins, credentials: true }))
}
