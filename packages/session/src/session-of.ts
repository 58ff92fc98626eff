import type { Environ } from '@tsgi/core'
import type { Session } from './session-object.js'

/**
 * Loads this request's session (once per request) and resolves to it.
 *
 * @throws {TypeError} if the environ has no `tsgi.session`, i.e. the app is not wrapped in `session()`.
 * @example
 * const user = (await sessionOf(environ)).get<string>('user')
 */
export function sessionOf(environ: Environ): Promise<Session> {
  const session = environ?.['tsgi.session']
  if (session === undefined) {
    throw new TypeError("sessionOf(): environ has no 'tsgi.session'; wrap the app in session()")
  }
  return session.load()
}
