import type { Environ } from '@tsgi/core'
import { LINT_RECORD, type LintRecord } from './_internal/state.js'
import { LintError } from './lint-error.js'

/**
 * For a server or test client that runs a linted app: marks `environ` (before the app is called)
 * so that what lint can find only after the response is kept, and returns `verify()`, which
 * throws the first such {@link LintError}: a body's `close()` called twice or never (spec §5.4.1),
 * a middleware that never closed the body it wrapped (§7.1.4) or iterated it before returning
 * (§7.1.1), and anything lint threw from `close()`, which a server only logs. Call `verify()`
 * once the response ended and the body's `close()` settled. `@tsgi/test` does this on every request.
 *
 * @example
 * const verify = watchLint(environ)
 * const body = await lint(app)(environ, startResponse)
 * // ... send the body, close it ...
 * verify() // throws a LintError if a layer never closed its inner body
 */
export function watchLint(environ: Environ): () => void {
  const record: LintRecord = { server: true, returned: true, bodies: [], innerPulls: 0, violations: [] }
  ;(environ as Environ & { [LINT_RECORD]?: LintRecord })[LINT_RECORD] = record
  return function verify(): void {
    const first = record.violations[0]
    if (first !== undefined) throw first
    for (const body of record.bodies) {
      if (!body.closed) throw new LintError('the server must call a body’s close() exactly once', '5.4')
    }
  }
}
