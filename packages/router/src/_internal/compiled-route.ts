import type { App } from '@tsgi/core'
import type { Pattern } from '../route.js'

/** A validated route, as the matchers see it. */
export interface CompiledRoute {
  /** Position in the routes list: the lowest index among the matches wins. */
  readonly index: number
  readonly pattern: Pattern
  readonly app: App
  /** Accepted methods (HEAD added when GET is listed), or `null` for every method. */
  readonly methods: ReadonlySet<string> | null
  /** The methods as listed, for `Allow`; `null` for every method. */
  readonly listed: readonly string[] | null
}
