import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { App } from '@tsgi/core'

/** The module or export could not be served; the message says why, for the user. */
export class LoadError extends Error {
  override name = 'LoadError'
}

/** Extensions loaded through tsx, so `tsgi serve app.ts` needs no build step. */
const TYPESCRIPT = /\.(?:ts|mts|cts|tsx)$/

/**
 * Imports `module` (relative to `cwd`) and returns its export `exportName`, checked to be an app
 * function (spec §1.1). A TypeScript module (`.ts`, `.mts`, `.cts`, `.tsx`) is loaded through tsx,
 * with its own imports, so no build step comes first.
 *
 * @throws {LoadError} for a missing module, a module that imports something missing (named), a
 * module that fails to load, a missing export, or an export that is not a function.
 * @example
 * const app = await loadApp('./src/app.ts', 'default', process.cwd())
 */
export async function loadApp(module: string, exportName: string, cwd: string): Promise<App> {
  const path = resolve(cwd, module)
  if (!existsSync(path)) throw new LoadError(`cannot find module ${module} (looked for ${path})`)
  let namespace: Record<string, unknown>
  try {
    namespace = await importModule(path)
  } catch (error) {
    throw new LoadError(
      missingImport(error, module, path) ?? `module ${module} failed to load: ${describeError(error)}`,
    )
  }
  if (!(exportName in namespace)) {
    const names = Object.keys(namespace).filter((name) => name !== 'module.exports')
    throw new LoadError(
      `module ${module} has no export named ${JSON.stringify(exportName)} (its exports: ${names.length ? names.join(', ') : 'none'})`,
    )
  }
  const app = namespace[exportName]
  if (typeof app !== 'function') {
    const what = app === null ? 'null' : Array.isArray(app) ? 'an array' : typeof app
    throw new LoadError(
      `the ${exportName === 'default' ? 'default export' : `export ${JSON.stringify(exportName)}`} of ${module} is not an app: expected a function (environ, startResponse), got ${what}`,
    )
  }
  return app as App
}

async function importModule(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href
  let namespace: Record<string, unknown>
  if (TYPESCRIPT.test(path)) {
    // tsImport scopes the TypeScript loader to this import and its dependencies.
    const { tsImport } = await import('tsx/esm/api')
    namespace = (await tsImport(url, import.meta.url)) as Record<string, unknown>
  } else {
    namespace = (await import(url)) as Record<string, unknown>
  }
  // A module compiled to CommonJS (a .ts file outside a "type": "module" package, tsc's CJS
  // output) arrives as { default: exports }; its exports carry __esModule, and are the namespace.
  const exports = namespace.default as { __esModule?: unknown } | null | undefined
  return typeof exports === 'object' && exports !== null && exports.__esModule === true
    ? (exports as Record<string, unknown>)
    : namespace
}

/**
 * Names what a module that exists could not import: Node says "Cannot find package 'x' imported
 * from …" or "Cannot find module '/path' imported from …"; both describe the import, not the
 * module the user named.
 */
function missingImport(error: unknown, module: string, path: string): string | undefined {
  const { code, message = '' } = (error ?? {}) as { code?: string; message?: string }
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return undefined
  const match = /Cannot find (package|module) '([^']+)'(?: imported from (\S+))?/.exec(message)
  if (match === null) return undefined
  const [, kind, name, importer] = match
  const from = importer !== undefined && importer !== path ? ` (imported from ${importer})` : ''
  // tsx words a missing bare specifier as a module; a bare specifier is a package all the same.
  return kind === 'package' || !/^(?:[./]|file:)/.test(name ?? '')
    ? `module ${module} imports the package ${JSON.stringify(name)}, which is not installed${from}`
    : `module ${module} imports ${name}, which does not exist${from}`
}

function describeError(error: unknown): string {
  return (error as Error)?.stack ?? String(error)
}
