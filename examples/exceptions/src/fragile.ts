import { type App, type Body, NotFound } from '@tsgi/core'

const encoder = new TextEncoder()
const TEXT = [['content-type', 'text/plain; charset=utf-8']] as const

/**
 * An app that fails in every way an app can, for the middleware to catch:
 * - `/` works: `Hello ogres`.
 * - `/divide?a=6&b=0` throws before `startResponse`: a bug, so a 500.
 * - `/users/7` throws `NotFound`: a 404 whose message the client may see.
 * - `/slow` rejects its promise: an `async` app failing.
 * - `/body` calls `startResponse('200 OK', …)` and its body throws before the first chunk: the 200
 *   is replaced through `excInfo`.
 * - `/stream` sends a chunk, then throws: too late to replace, so the server cuts the response.
 */
export const fragile: App = (environ, startResponse) => {
  const path = environ.PATH_INFO
  if (path === '/') {
    startResponse('200 OK', TEXT)
    return [encoder.encode('Hello ogres\n')]
  }
  if (path === '/divide') {
    const query = new URLSearchParams(environ.QUERY_STRING)
    const quotient = divide(Number(query.get('a')), Number(query.get('b')))
    startResponse('200 OK', TEXT)
    return [encoder.encode(`${quotient}\n`)]
  }
  if (path.startsWith('/users/')) throw new NotFound(`No user ${path.slice(7)}`)
  if (path === '/slow') return Promise.reject(new Error('the database went away'))
  if (path === '/body') {
    startResponse('200 OK', TEXT)
    return failing([], 'the template is broken')
  }
  if (path === '/stream') {
    startResponse('200 OK', TEXT)
    return failing(['first line\n'], 'the stream broke')
  }
  throw new NotFound()
}

function divide(a: number, b: number): number {
  if (b === 0) throw new RangeError(`cannot divide ${a} by zero`)
  return a / b
}

function failing(lines: string[], message: string): Body {
  return (function* () {
    for (const line of lines) yield encoder.encode(line)
    throw new Error(message)
  })()
}
