import type { LintError } from '../lint-error.js'
import type { ResponseHead } from './check-response-head.js'

/**
 * What the lint layers of one request share through their environ copies: each layer puts its own
 * record under {@link LINT_RECORD} in the environ it hands its app, so a lint layer further in
 * finds the one outside it (spread copies a symbol key along). `Symbol.for`, so two copies of
 * this package agree.
 */
export const LINT_RECORD: unique symbol = Symbol.for('tsgi.lint.record') as never

/** One layer's record. */
export interface LintRecord {
  /** Whether a server (or test client) made it, not a lint layer: a server may pull as it likes. */
  readonly server: boolean
  /** Whether the layer has its own result back from its app; a server's record is always true. */
  returned: boolean
  /** The bodies that lint layers further in handed to this layer's app (the middleware). */
  readonly bodies: LintState[]
  /** Inner pulls since this layer's body last yielded a chunk (spec §7.2.1). */
  innerPulls: number
  /** Violations found where no caller sees a throw (a server only logs what close() throws); shared by all layers. */
  readonly violations: LintError[]
}

/** What lint tracks for one request, shared by its startResponse, body and input wrappers. */
export interface LintState {
  /** REQUEST_METHOD: a HEAD response's body is dropped by the server, so its bytes are not checked. */
  readonly method: string
  /** The head of the last valid startResponse call, `undefined` until there is one. */
  head: ResponseHead | undefined
  /** Whether a non-empty chunk went out, so the headers are committed (spec §4.6). */
  committed: boolean
  /** Bytes of body the server pulled so far. */
  sent: number
  /** Whether the server called the body's close(). */
  closed: boolean
  /** The record of the lint layer outside this one, if any: its app is the middleware that consumes this body. */
  readonly parent: LintRecord | undefined
  /** This layer's own record, handed inward. */
  readonly record: LintRecord
}

/** Notes a violation for whoever checks the record later, and returns it to be thrown now. */
export function violation(state: LintState, error: LintError): LintError {
  state.record.violations.push(error)
  return error
}

/** The record of an outer lint layer (or a test client) in `environ`, if there is a valid one. */
export function recordOf(environ: object): LintRecord | undefined {
  const record = (environ as { [LINT_RECORD]?: unknown })[LINT_RECORD]
  if (record === null || typeof record !== 'object') return undefined
  const { bodies, violations } = record as Partial<LintRecord>
  return Array.isArray(bodies) && Array.isArray(violations) ? (record as LintRecord) : undefined
}
