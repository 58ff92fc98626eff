import type { App, Body } from '@tsgi/core'
import { sessionOf } from '@tsgi/session'

export const SECRET = 'a session secret of at least thirty-two bytes'
export const OLD_SECRET = 'the previous session secret, also 32 bytes or more'
const encoder = new TextEncoder()

export function json(startResponse: Parameters<App>[1], value: unknown): Body {
  startResponse('200 OK', [['content-type', 'application/json']])
  return [encoder.encode(JSON.stringify(value))]
}

/** GET /count counts visits; GET /peek reads without changing; POST /put?k=v sets; /destroy and /regenerate do that. */
export const counter: App = async (environ, startResponse) => {
  const session = await sessionOf(environ)
  const path = environ.PATH_INFO
  if (path === '/count') session.set('visits', (session.get<number>('visits') ?? 0) + 1)
  if (path === '/put') for (const [k, v] of new URLSearchParams(environ.QUERY_STRING)) session.set(k, v)
  if (path === '/destroy') session.destroy()
  if (path === '/regenerate') session.regenerate()
  if (path === '/nested') session.get<string[]>('list')?.push('more')
  return json(startResponse, { isNew: session.isNew, data: session.toJSON() })
}

/** The name=value of a Set-Cookie header, or undefined. */
export function cookiePair(setCookie: string | undefined): string | undefined {
  return setCookie?.split(';')[0]
}
