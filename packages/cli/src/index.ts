/**
 * @module
 * The `tsgi` command (`tsgi serve ./app.js[:export]`) and its parts, for tools that embed it.
 *
 * @example
 * import { main } from '@tsgi/cli'
 * process.exitCode = await main(['serve', './dist/app.js'], { out: console.log, err: console.error, cwd: process.cwd() })
 */

export type { CommandIO } from './command-io.js'
export { LoadError, loadApp } from './load-app.js'
export { main } from './main.js'
export { parseServeArgs, type ServeCommand, USAGE, UsageError } from './parse-serve-args.js'
export { runServe } from './run-serve.js'
