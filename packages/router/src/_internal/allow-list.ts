import type { CompiledRoute } from './compiled-route.js'

/** The `Allow` list: every listed method in route order, HEAD with GET, and OPTIONS (answered here). */
export function allowList(routes: readonly CompiledRoute[]): readonly string[] {
  const methods = new Set<string>()
  for (const route of routes)
    for (const method of route.listed ?? []) {
      methods.add(method)
      if (method === 'GET') methods.add('HEAD')
    }
  methods.add('OPTIONS')
  return [...methods]
}
