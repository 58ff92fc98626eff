/**
 * @module
 * `health(app)`: liveness and readiness probes in front of a tsgi app, not-ready while the server
 * drains (`tsgi.shutdown`).
 *
 * @example
 * import { health } from '@tsgi/health'
 */

export { type HealthOptions, health } from './health.js'
export type { HealthCheck } from './run-checks.js'
