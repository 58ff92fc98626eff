import type { Environ } from '@tsgi/core'
import { buildExchange, toInit } from './_internal/build-environ.js'
import type { TestRequestInit } from './types.js'

/**
 * Builds the environ of a request exactly as `request()` and the server build it (spec §2), for
 * unit tests of middleware and helpers that take an environ. The keys come in a fixed order, the
 * CGI keys are always present, headers become `HTTP_*` keys (Content-Type and Content-Length
 * become `CONTENT_TYPE` and `CONTENT_LENGTH`), and `tsgi.input` yields the body once.
 *
 * @param target `'METHOD /path?query'`, or the whole request as an init.
 * @throws {BadRequest} (400, from core's `decodePathInfo`) for a path a server would reject.
 * @throws {TypeError} or {RangeError} for a malformed init.
 * @example
 * const environ = createEnviron('GET /users/1?full=yes', { headers: { accept: 'application/json' } })
 * environ.PATH_INFO // '/users/1'
 */
export function createEnviron(target: string | TestRequestInit = {}, init?: TestRequestInit): Environ {
  return buildExchange('createEnviron', toInit('createEnviron', target, init)).environ
}
