import { checkHeaderListInto } from '../check-header-list.js'
import type { StartResponse } from '../types.js'
import { parseStatusCached } from './status-cache.js'

/**
 * The server side of `startResponse` (spec §4, §4.5), the part of the response driver that
 * stores the head: it checks at the call, copies the header list it checked, and sends nothing.
 * The driver extends it and sets `committed` when the head went out.
 */
export class StartResponseState {
  /** Whether startResponse was called, even by a call that threw (spec §4.5.5). */
  protected called = false
  /** The head was handed to the sink, or an error response was (spec §4.5.8, §4.5.10). */
  protected committed = false
  protected code = 0
  protected reason = ''
  /** The checked copy of the app's list (spec §4.3): what was checked is what is sent. */
  protected headers: [string, string][] | undefined = undefined
  /** The app-set Content-Length, -1 when none. */
  protected declared = -1

  /** The `startResponse` to hand the app (spec §4, §4.5): checks at the call, sends nothing. */
  readonly startResponse: StartResponse = (status, headers, excInfo) => {
    if (excInfo !== undefined) {
      if (this.committed) throw excInfo
    } else if (this.called || this.committed) {
      throw new TypeError(
        this.committed
          ? 'startResponse() was called after the response was committed (spec §4.5.8)'
          : 'startResponse() was called a second time without excInfo (spec §4.5.5)',
      )
    }
    this.called = true
    const { code, reason } = parseStatusCached(status)
    if (code < 200) throw new TypeError(`startResponse(): a final status is 200–599, got ${JSON.stringify(status)}`)
    // Checked and copied here, so the error surfaces in the app's stack (spec §4.2.8) and a list
    // changed afterwards cannot put unchecked headers on the wire (spec §4.3).
    const copy: [string, string][] = []
    const declared = checkHeaderListInto(headers, copy)
    this.code = code
    this.reason = reason
    this.headers = copy
    this.declared = declared
  }
}
