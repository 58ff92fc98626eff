import { type HeaderList, isHeaderName, isHeaderValue, isHopByHop, parseStatus, type StartResponse } from '@tsgi/core'

/**
 * The server side of `startResponse` for one request (spec §4): it validates and stores the
 * status and headers; they are committed when the first non-empty chunk (or the end) is sent.
 */
export class ResponseState {
  status: number | undefined
  statusText = ''
  headers: HeaderList = []
  committed = false
  readonly startResponse: StartResponse = (status, headers, excInfo) => {
    // spec §4.5: excInfo is present iff !== undefined; once committed, it is rethrown.
    if (excInfo !== undefined) {
      if (this.committed) throw excInfo
    } else if (this.status !== undefined) {
      throw new TypeError('startResponse() was called again without excInfo (spec §4.5)')
    }
    const { code, reason } = parseStatus(status)
    if (!Array.isArray(headers)) {
      throw new TypeError(`startResponse(): headers must be an array of [name, value] pairs (spec §4.2)`)
    }
    for (const pair of headers) checkHeader(pair)
    this.status = code
    this.statusText = reason
    this.headers = headers
  }
}

function checkHeader(pair: unknown): void {
  if (!Array.isArray(pair) || pair.length !== 2) {
    throw new TypeError('startResponse(): each header must be a [name, value] pair of strings (spec §4.2)')
  }
  const [name, value] = pair as [unknown, unknown]
  if (!isHeaderName(name))
    throw new TypeError(`startResponse(): header name ${JSON.stringify(name)} is not a token (spec §4.2)`)
  if (!isHeaderValue(value)) {
    throw new TypeError(`startResponse(): the value of ${name} has a control or non-Latin-1 character (spec §4.2)`)
  }
  if (isHopByHop(name as string)) throw new TypeError(`startResponse(): ${name} is a hop-by-hop header (spec §4.4)`)
}
