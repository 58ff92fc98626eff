// `pnpm bench` step 1: build the @tsgi packages unless every dist is newer than everything it is
// built from, so repeated runs do not pay for a build (a fresh clone always builds).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'

const root = new URL('../', import.meta.url)

function newest(url) {
  const stat = statSync(url)
  if (!stat.isDirectory()) return stat.mtimeMs
  let latest = stat.mtimeMs
  for (const entry of readdirSync(url)) {
    latest = Math.max(latest, newest(new URL(`${entry}${statSync(new URL(entry, url)).isDirectory() ? '/' : ''}`, url)))
  }
  return latest
}

function stale(name) {
  const dir = new URL(`packages/${name}/`, root)
  const built = new URL('dist/index.js', dir)
  if (!existsSync(built)) return true
  const inputs = ['src/', 'package.json', 'tsup.config.ts', 'tsconfig.json'].map((path) => new URL(path, dir))
  const source = Math.max(
    ...inputs.filter((url) => existsSync(url)).map(newest),
    newest(new URL('tsconfig.base.json', root)),
  )
  return source > statSync(built).mtimeMs
}

const packages = readdirSync(new URL('packages/', root)).filter((name) =>
  existsSync(new URL(`packages/${name}/src/`, root)),
)
const outdated = packages.filter(stale)
if (outdated.length === 0) {
  process.stdout.write('@tsgi packages are built and up to date\n')
} else {
  process.stdout.write(`building (${outdated.join(', ')} changed since the last build)\n`)
  // Through the pnpm that runs this script when there is one, else the pnpm on PATH.
  const pnpm = process.env.npm_execpath ?? 'pnpm'
  const [command, args] = /\.[cm]?js$/.test(pnpm) ? [process.execPath, [pnpm, 'build']] : [pnpm, ['build']]
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
