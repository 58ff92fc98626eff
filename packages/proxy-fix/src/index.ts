/**
 * @module
 * `proxyFix(app)`: trusts `X-Forwarded-*` (or RFC 7239 `Forwarded`) from the proxies in front of
 * a tsgi app, for exactly the number of hops given, and only from trusted peers.
 *
 * @example
 * import { proxyFix } from '@tsgi/proxy-fix'
 */

export { type ProxyFixOptions, proxyFix } from './proxy-fix.js'
export type { ProxyFixOriginals } from './proxy-fix-orig.js'
