import type { App } from '@tsgi/core'
import type { OriginRule } from './compile-origin.js'
import { mergeVary } from './merge-vary.js'

/** The preflight settings, checked and joined by `cors()`. */
export interface PreflightSettings {
  methods: string
  /** `undefined`: echo `Access-Control-Request-Headers` (and vary on it). */
  allowHeaders: string | undefined
  maxAge: number | undefined
}

/**
 * Builds the app that answers preflights (Fetch standard, CORS-preflight fetch): `204` with the
 * allowed origin, methods, headers and max age for an allowed origin, and only `Vary` for a
 * refused one, whose browser then fails the preflight. The headers that do not depend on the
 * request are built once, here.
 */
export function compilePreflight(allow: OriginRule, credentials: boolean, settings: PreflightSettings): App {
  const fixed: [string, string][] = []
  if (credentials) fixed.push(['access-control-allow-credentials', 'true'])
  fixed.push(['access-control-allow-methods', settings.methods])
  if (settings.allowHeaders) fixed.push(['access-control-allow-headers', settings.allowHeaders])
  if (settings.maxAge !== undefined) fixed.push(['access-control-max-age', String(settings.maxAge)])
  const echo = settings.allowHeaders === undefined
  const vary = [...(allow.varies ? ['Origin'] : []), ...(echo ? ['Access-Control-Request-Headers'] : [])]

  return function preflight(environ, startResponse) {
    const origin = allow.match(environ.HTTP_ORIGIN, environ)
    const headers: [string, string][] = []
    if (origin !== undefined) {
      headers.push(['access-control-allow-origin', origin], ...fixed)
      const asked = environ.HTTP_ACCESS_CONTROL_REQUEST_HEADERS
      if (echo && asked) headers.push(['access-control-allow-headers', asked])
    }
    startResponse('204 No Content', mergeVary(headers, vary))
    return []
  }
}
