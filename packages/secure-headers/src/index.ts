/**
 * @module
 * `secureHeaders(app, options)`: security response headers with safe defaults, each optional, and
 * a Content-Security-Policy built from directives with a per-request nonce (`NONCE`, `cspNonce`).
 *
 * @example
 * import { cspNonce, NONCE, secureHeaders } from '@tsgi/secure-headers'
 */

export { type ContentSecurityPolicy, NONCE } from './content-security-policy.js'
export { cspNonce } from './csp-nonce.js'
export { type SecureHeadersOptions, secureHeaders } from './secure-headers.js'
