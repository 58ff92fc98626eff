/**
 * Where the command writes: the access log and notices to `out`, problems to `err`; `cwd` is
 * where module paths start.
 *
 * @example
 * const io: CommandIO = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text), cwd: process.cwd() }
 */
export interface CommandIO {
  out: (text: string) => void
  err: (text: string) => void
  cwd: string
}
