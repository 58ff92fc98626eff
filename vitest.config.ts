import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))
// Tests import workspace packages by name; this alias points them at src/, so no build is needed
// and a stale dist/ is never what is tested (the dist smoke project below checks dist/).
const alias = [
  { find: /^@tsgi\/([a-z0-9-]+)$/, replacement: `${root}packages/$1/src/index.ts` },
  // The demo mounts the examples by package name; under vitest they are their sources too.
  { find: /^@tsgi-examples\/([a-z0-9-]+)$/, replacement: `${root}examples/$1/src/app.ts` },
]
const dirs = (parent: string): string[] =>
  existsSync(`${root}${parent}`)
    ? readdirSync(`${root}${parent}`, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
    : []

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      ...dirs('packages').map((name) => ({
        extends: true as const,
        test: {
          name,
          include: [`packages/${name}/test/**/*.test.ts`],
          // The CLI is tested as a built binary in child processes; its setup builds what it runs.
          ...(name === 'cli' ? { globalSetup: [`packages/cli/test/global-setup.ts`] } : {}),
        },
      })),
      ...dirs('examples').map((name) => ({
        extends: true as const,
        test: { name: `example-${name}`, include: [`examples/${name}/test/**/*.test.ts`] },
      })),
      { extends: true, test: { name: 'integration', include: ['test/*.test.ts'] } },
      ...(process.env.TEST_DIST === '1' ? [{ test: { name: 'dist', include: ['test/dist/**/*.test.ts'] } }] : []),
    ],
  },
})
