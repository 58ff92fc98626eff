import type { ResponseHead } from './check-response-head.js'

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
}
