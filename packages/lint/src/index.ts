/**
 * @module
 * `lint(app)` checks both sides of the tsgi interface at run time (after wsgiref.validate and
 * Rack::Lint); every violation is a `LintError` citing docs/spec.md.
 *
 * @example
 * import { lint, LintError } from '@tsgi/lint'
 */

export { lint } from './lint.js'
export { LintError } from './lint-error.js'
export { watchLint } from './watch-lint.js'
