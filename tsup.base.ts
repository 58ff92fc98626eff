import { defineConfig, type Options } from 'tsup'

/**
 * The build every package shares: ESM only, declarations, Node 20, source maps. A package adds
 * entries (the CLI's `bin`) and, when it has several, the one that carries its types.
 */
export function packageBuild(entry: string[] = ['src/index.ts'], dtsEntry = 'src/index.ts'): Options | Options[] {
  return defineConfig({
    entry,
    format: ['esm'],
    dts: entry.length === 1 ? true : { entry: dtsEntry },
    clean: true,
    target: 'node20',
    sourcemap: true,
  }) as Options
}
