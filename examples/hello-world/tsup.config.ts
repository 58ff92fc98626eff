import { defineConfig } from 'tsup'

// Plain JavaScript for `node dist/server.js`: no TypeScript at run time.
export default defineConfig({
  entry: ['src/app.ts', 'src/server.ts'],
  format: ['esm'],
  dts: false,
  clean: true,
  target: 'node20',
})
