// The cell body the in-process app suites share: call a sync app with one environ, iterate its
// body and close() it as a server would, check the answer, then time that.
import { runCell } from './cell.mjs'

/** Times `app(environ, startResponse)` with its body driven as a server drives a sync body. */
export function timeSyncApp(app, environ, budgetMs) {
  let status = ''
  const startResponse = (line) => {
    status = line
  }
  const hot = () => {
    const body = app(environ, startResponse)
    let bytes = 0
    for (const chunk of body) bytes += chunk.length
    body.close?.()
    return bytes
  }
  const answer = () => {
    status = ''
    const body = app(environ, startResponse)
    if (typeof body?.[Symbol.iterator] !== 'function') return 'not a sync body'
    const chunks = [...body]
    body.close?.()
    return `${status} ${Buffer.concat(chunks).toString()}`
  }
  return runCell({ cases: [[null, '200 OK Hello, world!']], answer, hot, budgetMs })
}
