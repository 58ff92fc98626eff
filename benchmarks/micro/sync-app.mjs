// The cell body the in-process layer suites share. The app is called as a server calls it: with a
// fresh environ each time, built as @tsgi/node builds one (a server builds one per request, so a
// per-environ cache such as queryOf's never answers from the previous call), its body awaited when
// the app returns a promise of it (a session loaded through WebCrypto), then iterated and closed.
// The bare app pays the same copy, so a layer's cell minus the bare cell is the layer's price.
import { runCell } from './cell.mjs'
import { freshEnviron } from './environ.mjs'

const hello = new TextEncoder().encode('Hello, world!')
const helloHeaders = [['content-type', 'text/plain']]

/** The app every layer wraps: `200 OK`, `Hello, world!` as a one-chunk array body. */
export const helloApp = (_environ, startResponse) => {
  startResponse('200 OK', helloHeaders)
  return [hello]
}

const isThenable = (value) => typeof value?.then === 'function'

/**
 * Times `app` called with copies of `environ`, its sync body driven as a server drives one. The
 * answer checked first is `expected` (by default the hello app's); `decode(bytes, headers)` turns
 * the body into the text compared (a compressed body, a header that must be there).
 */
export async function timeSyncApp(app, environ, budgetMs, options = {}) {
  const { expected = '200 OK Hello, world!', decode = (bytes) => bytes.toString() } = options
  let status = ''
  let headers = []
  const startResponse = (line, list) => {
    status = line
    headers = list
  }
  const drain = (body) => {
    let bytes = 0
    for (const chunk of body) bytes += chunk.length
    body.close?.()
    return bytes
  }
  const collect = (body) => {
    if (typeof body?.[Symbol.iterator] !== 'function') return 'not a sync body'
    const chunks = [...body]
    body.close?.()
    return `${status} ${decode(Buffer.concat(chunks), headers)}`
  }
  // One call tells whether the app answers with a promise; its body is consumed like the others.
  const first = app(freshEnviron(environ), startResponse)
  const async = isThenable(first)
  drain(async ? await first : first)
  const hot = async
    ? async () => drain(await app(freshEnviron(environ), startResponse))
    : () => drain(app(freshEnviron(environ), startResponse))
  const answer = async
    ? async () => collect(await app(freshEnviron(environ), startResponse))
    : () => collect(app(freshEnviron(environ), startResponse))
  return runCell({ cases: [[null, expected]], answer, hot, budgetMs, async })
}
