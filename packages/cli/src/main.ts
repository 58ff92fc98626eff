import type { CommandIO } from './command-io.js'
import { parseServeArgs, USAGE, UsageError } from './parse-serve-args.js'
import { runServe } from './run-serve.js'

/**
 * The `tsgi` command: parses `argv` (the arguments after `tsgi`) and runs it. Resolves with the
 * exit code: 0 after a graceful shutdown, 1 when the app could not be served, 2 for a usage error.
 *
 * @example
 * process.exitCode = await main(['serve', './dist/app.js', '--port', '3000'], io)
 */
export async function main(argv: readonly string[], io: CommandIO): Promise<number> {
  let command: ReturnType<typeof parseServeArgs>
  try {
    command = parseServeArgs(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.err(`tsgi: ${error.message}\n\n${USAGE}`)
    return 2
  }
  if (command === 'help') {
    io.out(USAGE)
    return 0
  }
  return runServe(command, io)
}
