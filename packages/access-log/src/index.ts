/**
 * @module
 * `accessLog(app)`: one line per response in the Common or Combined Log Format or as JSON lines,
 * with the bytes actually sent and the time to the last byte, written when the body is closed.
 *
 * @example
 * import { accessLog } from '@tsgi/access-log'
 */

export { type AccessLogOptions, accessLog } from './access-log.js'
export type { AccessLogEntry } from './access-log-entry.js'
export { type AccessLogFormat, formatEntry } from './format-entry.js'
