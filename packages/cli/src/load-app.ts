import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { App } from '@tsgi/core'

/** The module or export could not be served; the message says why, for the user. */
export class LoadError extends Error {
  override name = 'LoadError'
}

/**
 * Imports `module` (relative to `cwd`) and returns its export `exportName`, checked to be an app
 * function (spec §1.1).
 *
 * @throws {LoadError} for a missing module, a module that fails to load, a missing export, or an
 * export that is not a function.
 * @example
 * const app = await loadApp('./dist/app.js', 'default', process.cwd())
 */
export async function loadApp(module: string, exportName: string, cwd: string): Promise<App> {
  const url = pathToFileURL(resolve(cwd, module)).href
  let namespace: Record<string, unknown>
  try {
    namespace = (await import(url)) as Record<string, unknown>
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(url.replace('file://', ''))) {
      throw new LoadError(`cannot find module ${module} (looked for ${resolve(cwd, module)})`)
    }
    throw new LoadError(`module ${module} failed to load: ${(error as Error)?.stack ?? String(error)}`)
  }
  if (!(exportName in namespace)) {
    const names = Object.keys(namespace)
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
