import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// Runs after `pnpm build` (TEST_DIST=1 in .ci/run): checks the published entry points with Node's own
// loader, in child processes, since vitest's module runner is not Node's.
const root = fileURLToPath(new URL('../../', import.meta.url))
const require = createRequire(`${root}package.json`)
const packages = readdirSync(`${root}packages`)

function node(type: 'module' | 'commonjs', source: string): string {
  return execFileSync(process.execPath, [`--input-type=${type}`, '-e', source], { cwd: root, encoding: 'utf8' }).trim()
}

describe('the built packages', () => {
  it.each(packages)('@tsgi/%s resolves to its dist entry', (name) => {
    expect(require.resolve(`@tsgi/${name}`)).toBe(`${root}packages/${name}/dist/index.js`)
  })

  it.each(packages)('@tsgi/%s can be imported and exports named functions or values', (name) => {
    const keys = JSON.parse(node('module', `const m = await import('@tsgi/${name}'); console.log(JSON.stringify(Object.keys(m)))`))
    expect(keys.length).toBeGreaterThan(0)
  })

  it.each(packages)('@tsgi/%s can be required from CommonJS (require(esm))', (name) => {
    const count = node('commonjs', `console.log(Object.keys(require('@tsgi/${name}')).length)`)
    expect(Number(count)).toBeGreaterThan(0)
  })

  it('shares one HTTPError between core and the packages that re-export it', () => {
    const out = node(
      'module',
      `const core = await import('@tsgi/core')
       const error = new core.NotFound('missing')
       console.log(JSON.stringify([error instanceof core.HTTPError, core.isHTTPError(error), error.status, core.statusLine(404)]))`,
    )
    expect(JSON.parse(out)).toEqual([true, true, 404, '404 Not Found'])
  })
})
