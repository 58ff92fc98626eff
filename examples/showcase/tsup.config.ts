import { defineConfig } from 'tsup'

// Plain JavaScript for `node dist/server.js` and the demo: no TypeScript at run time. The SQL
// migrations and the public/ assets are read from beside dist/ at run time.
export default defineConfig({
  entry: ['src/app.ts', 'src/server.ts'],
  format: ['esm'],
  dts: false,
  clean: true,
  target: 'node20',
})
