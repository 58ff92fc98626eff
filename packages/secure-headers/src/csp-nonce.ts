import { describeValue, type Environ } from '@tsgi/core'

declare module '@tsgi/core' {
  interface EnvironExtensions {
    /**
     * Set by `secureHeaders()` when its Content-Security-Policy uses `NONCE`: this request's
     * nonce (base64), for `<script nonce="…">`. Absent otherwise.
     */
    'tsgi.csp_nonce'?: string
  }
}

/**
 * Returns this request's Content-Security-Policy nonce, set by `secureHeaders()` (spec §2.4).
 *
 * @throws {TypeError} if the environ has none: no `secureHeaders()` with `NONCE` in its policy
 * runs above the app, and a page without its nonce would have its scripts blocked.
 * @example
 * const html = `<script nonce="${cspNonce(environ)}">start()</script>`
 */
export function cspNonce(environ: Pick<Environ, 'tsgi.csp_nonce'>): string {
  const nonce = environ?.['tsgi.csp_nonce']
  if (typeof nonce !== 'string') {
    throw new TypeError(
      `cspNonce(): environ['tsgi.csp_nonce'] is ${describeValue(nonce)}; wrap the app in secureHeaders() with NONCE in its contentSecurityPolicy`,
    )
  }
  return nonce
}
