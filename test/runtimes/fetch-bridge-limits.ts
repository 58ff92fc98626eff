import type { Unsupported } from '../conformance/index.js'

/**
 * What no fetch handler can see on any runtime, because the Fetch API's `Request` does not carry
 * it; each runtime adds the limits of its own server in front.
 */
export const FETCH_BRIDGE_LIMITS: Unsupported = {
  'raw-path': 'the WHATWG URL parser resolves dot segments, %2e included, before a fetch handler sees the URL',
  'server-address': 'a fetch handler knows only the request URL, which the server builds from the Host field',
  'separate-fields': 'the Headers class joins repeated fields (Content-Type included) before the handler sees them',
  'asterisk-form': 'a Request URL cannot hold the target *; the server in front decides what becomes of it',
}
