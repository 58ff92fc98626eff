import { checkHeaderList, type HeaderList, parseStatus, type StartResponse } from '@tsgi/core'

/**
 * The server side of `startResponse` for one request (spec §4): it validates and stores the
 * status and headers; they are committed when the first non-empty chunk (or the end) is sent.
 */
export class ResponseState {
  status: number | undefined
  statusText = ''
  headers: HeaderList = []
  committed = false
  /** Whether startResponse was called, even by a call that threw (spec §4.5.5). */
  #called = false
  readonly startResponse: StartResponse = (status, headers, excInfo) => {
    // spec §4.5: excInfo is present iff !== undefined; once committed, it is rethrown.
    if (excInfo !== undefined) {
      if (this.committed) throw excInfo
    } else if (this.#called) {
      throw new TypeError('startResponse() was called again without excInfo (spec §4.5)')
    }
    this.#called = true
    const { code, reason } = parseStatus(status)
    if (code < 200) throw new TypeError(`startResponse(): a final status is 200–599, got ${JSON.stringify(status)}`)
    checkHeaderList(headers) // spec §4.2, §4.4, as every server checks them
    this.status = code
    this.statusText = reason
    this.headers = headers
  }
}
