import { afterEach, describe, expect, it } from 'vitest'
import { freePort, killAll, listening, tsgi } from './run-tsgi.js'

afterEach(killAll)

describe('tsgi serve: loading the module', () => {
  it.each([['./typed-app.ts'], ['./typed-app.ts:typedApp']])(
    'serves %s from TypeScript without a build step',
    async (target) => {
      const run = tsgi(['serve', target, '--port', '0', '--quiet'])
      const url = await listening(run)
      expect(await (await fetch(`${url}/ts`)).text()).toBe('typed /ts\n')
      run.child.kill('SIGTERM')
      expect(await run.exited).toBe(0)
    },
    20_000,
  )

  it('names the missing package when a module that exists imports one', async () => {
    const run = tsgi(['serve', './imports-missing.mjs', '--port', '0'])
    expect(await run.exited).toBe(1)
    expect(run.err()).toBe(
      'tsgi: module ./imports-missing.mjs imports the package "tsgi-package-that-is-not-installed", which is not installed\n',
    )
  })
})

describe('tsgi serve --workers N: a worker that cannot start', () => {
  it.each([
    [['./missing.mjs'], 'tsgi: cannot find module ./missing.mjs'],
    [['./imports-missing.mjs'], 'tsgi: module ./imports-missing.mjs imports the package'],
    [['./app.mjs:nope'], 'tsgi: module ./app.mjs has no export named "nope"'],
  ])(
    'ends the command with exit 1 and one line for %j',
    async ([target], line) => {
      const run = tsgi(['serve', target as string, '--port', String(await freePort()), '--workers', '3'])
      expect(await run.exited).toBe(1)
      expect(run.err().split('\n').filter(Boolean)).toHaveLength(1)
      expect(run.err()).toContain(line)
    },
    20_000,
  )
})
