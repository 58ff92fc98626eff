import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import repository from '../../vitest.config.js'

// The runtime matrix (run.mjs) runs these files under Bun and Deno, and drives workerd from Node;
// workspace packages resolve to their sources, as in the repository's own tests.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  resolve: { alias: repository.resolve?.alias ?? [] },
  test: { include: ['test/runtimes/*.test.ts'], testTimeout: 10_000 },
})
