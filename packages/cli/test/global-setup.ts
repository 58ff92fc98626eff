import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

// The CLI is tested as a user runs it: the built `tsgi` binary in a child process. Node 20 cannot
// run the TypeScript sources, so the packages it loads are built first (tsup, a few seconds).
export default function setup(): void {
  const root = fileURLToPath(new URL('../../../', import.meta.url))
  const tsup = `${root}node_modules/tsup/dist/cli-default.js`
  for (const name of ['core', 'node', 'access-log', 'proxy-fix', 'cli']) {
    execFileSync(process.execPath, [tsup, '--silent'], { cwd: `${root}packages/${name}`, stdio: 'inherit' })
  }
}
