import {
  type ClientHttp2Session,
  connect,
  type IncomingHttpHeaders,
  type IncomingHttpStatusHeader,
  type OutgoingHttpHeaders,
} from 'node:http2'
import type { Duplex } from 'node:stream'
import type { Context } from './context.js'
import { open, type RawOptions, type RawResponse, type RawResult, raw } from './raw.js'

/** A request the suite wrote as HTTP/1.1 text, read back into its parts. */
export interface ParsedRequest {
  method: string
  target: string
  /** Field lines in order, names as written. */
  fields: [string, string][]
  /** The body with its HTTP/1.1 framing (Content-Length or chunked) removed. */
  body: Buffer
  /** False when the text holds less body than its framing announced: the client would still be sending. */
  complete: boolean
}

/**
 * Sends a request the suite wrote as HTTP/1.1 text to the adapter under test, over the protocol it
 * serves: as written with {@link raw} over HTTP/1.1; over HTTP/2 as the same request in one stream
 * of its own session (its method, target and Host as pseudo-headers, RFC 9113 §8.3.1; the body as
 * DATA frames, END_STREAM only when the text holds all of it). For the checks that are about the
 * request and the response, not about HTTP/1.1's wire syntax.
 */
export function exchange(
  ctx: Context,
  url: string,
  data: string | Buffer,
  options: RawOptions = {},
): Promise<RawResult> {
  if (ctx.protocol !== 'HTTP/2') return raw(url, data, options)
  if (options.write !== undefined) throw new TypeError('exchange(): a write step is HTTP/1.1 only')
  return request2(url, parseRequest(data), options.timeout)
}

/**
 * Opens a request the suite wrote as HTTP/1.1 text and leaves it open: a TCP (or TLS) socket with
 * the bytes written over HTTP/1.1, an HTTP/2 stream over HTTP/2 (its body kept open when the text
 * holds less than announced). Reading, pausing and destroying it is what a client that stalls or
 * leaves does; destroying a stream sends RST_STREAM (CANCEL), the HTTP/2 way to leave (RFC 9113 §8.1).
 */
export async function openRequest(
  ctx: Context,
  url: string,
  data: string | Buffer,
  options: { paused?: boolean } = {},
): Promise<Duplex> {
  if (ctx.protocol !== 'HTTP/2') {
    const socket = await open(url)
    if (options.paused) socket.pause()
    socket.write(data)
    return socket
  }
  const session = await connectSession(url)
  const request = parseRequest(data)
  const stream = session.request(headerBlock(url, request), {
    endStream: request.complete && request.body.length === 0,
  })
  if (options.paused) stream.pause()
  stream.on('error', () => {})
  stream.once('close', () => session.destroy())
  if (request.body.length > 0) stream.write(request.body)
  if (request.complete && request.body.length > 0) stream.end()
  return stream
}

/**
 * One HTTP/2 exchange in a session of its own, its result in {@link raw}'s shape: the interim
 * responses then the final one (HTTP/2 has no reason phrase, so `reason` is empty); `bytes` and
 * `head` spell each header block as `HTTP/2 <status>` and `name: value` lines (one per field, in
 * the order received) followed by the body, so a check on what was written reads the same.
 * `complete` is false when the stream was reset or failed; `closed` is true when it ended at all
 * before `timeout` (default 3000 ms).
 */
export async function request2(url: string, request: ParsedRequest, timeout = 3000): Promise<RawResult> {
  const session = await connectSession(url)
  const expectContinue = request.fields.some(
    ([name, value]) => name.toLowerCase() === 'expect' && value.toLowerCase() === '100-continue',
  )
  const noBody = request.complete && request.body.length === 0
  const stream = session.request(headerBlock(url, request), { endStream: noBody })
  const heads: RawResponse[] = []
  const chunks: Buffer[] = []
  const sendBody = (): void => {
    if (request.body.length > 0) stream.write(request.body)
    if (request.complete && !noBody) stream.end()
  }
  stream.on('headers', (head) => {
    heads.push(toResponse(head))
    // A careful client sends the body only after 100 Continue (RFC 9110 §10.1.1).
    if (expectContinue && head[':status'] === 100) sendBody()
  })
  stream.on('response', (head) => heads.push(toResponse(head)))
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  if (!expectContinue) sendBody()
  const outcome = await new Promise<{ ended: boolean; closed: boolean }>((resolve) => {
    let ended = false
    const timer = setTimeout(() => resolve({ ended, closed: false }), timeout)
    stream.on('end', () => {
      ended = true
    })
    stream.on('error', () => {})
    stream.once('close', () => {
      clearTimeout(timer)
      resolve({ ended: ended && stream.rstCode === 0, closed: true })
    })
  })
  session.destroy()
  const body = Buffer.concat(chunks)
  const final = heads.at(-1)
  if (final !== undefined) Object.assign(final, { body, complete: outcome.ended })
  const text = heads.map((response) => `${response.head}\r\n\r\n`).join('')
  return { bytes: Buffer.concat([Buffer.from(text, 'latin1'), body]), responses: heads, closed: outcome.closed }
}

/**
 * A received header block as a {@link RawResponse} without body: `head` spells it as `HTTP/2
 * <status>` then one `name: value` line per field value; `headers` joins repeats with ', '.
 */
function toResponse(block: IncomingHttpHeaders & IncomingHttpStatusHeader): RawResponse {
  const lines = [`HTTP/2 ${block[':status']}`]
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(block)) {
    if (name.startsWith(':') || value === undefined) continue
    const values = Array.isArray(value) ? value : [String(value)]
    for (const item of values) lines.push(`${name}: ${item}`)
    headers[name] = values.join(', ')
  }
  const status = Number(block[':status'])
  return { status, reason: '', headers, head: lines.join('\r\n'), body: Buffer.alloc(0), complete: true }
}

/**
 * The request's HTTP/2 header block: pseudo-headers from the request line and Host (RFC 9113
 * §8.3.1), field names lower-cased (§8.2.1), repeated fields as separate values, and the
 * connection-specific fields left out, since HTTP/2 has none (§8.2.2).
 */
function headerBlock(url: string, request: ParsedRequest): OutgoingHttpHeaders {
  const { protocol, host } = new URL(url)
  const block: OutgoingHttpHeaders = {
    ':method': request.method,
    ':path': request.target,
    ':scheme': protocol.slice(0, -1),
    ':authority': host,
  }
  for (const [field, value] of request.fields) {
    const name = field.toLowerCase()
    if (name === 'host') block[':authority'] = value
    else if (CONNECTION_FIELDS.has(name)) continue
    else {
      const previous = block[name]
      if (previous === undefined) block[name] = value
      else block[name] = [...(Array.isArray(previous) ? previous : [String(previous)]), value]
    }
  }
  return block
}

const CONNECTION_FIELDS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade'])

/** Reads HTTP/1.1 request text back into method, target, fields and the unframed body. */
export function parseRequest(data: string | Buffer): ParsedRequest {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data
  const end = bytes.indexOf('\r\n\r\n')
  const headEnd = end === -1 ? bytes.length : end
  const [requestLine = '', ...lines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n')
  const [method = '', target = ''] = requestLine.split(' ')
  const fields = lines.map((line): [string, string] => {
    const colon = line.indexOf(':')
    return [line.slice(0, colon), line.slice(colon + 1).trim()]
  })
  const rest = end === -1 ? Buffer.alloc(0) : bytes.subarray(end + 4)
  const field = (name: string): string | undefined => fields.find(([key]) => key.toLowerCase() === name)?.[1]
  if (field('transfer-encoding')?.toLowerCase() === 'chunked') return { method, target, fields, ...dechunk(rest) }
  const length = Number(field('content-length') ?? 0)
  return { method, target, fields, body: rest.subarray(0, length), complete: rest.length >= length }
}

/** The data of a chunked body; complete when its last chunk was there. */
function dechunk(bytes: Buffer): { body: Buffer; complete: boolean } {
  const parts: Buffer[] = []
  let at = 0
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at)
    if (lineEnd === -1) return { body: Buffer.concat(parts), complete: false }
    const size = Number.parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16)
    if (Number.isNaN(size)) throw new TypeError('parseRequest(): a malformed chunked body has no HTTP/2 form')
    if (size === 0) return { body: Buffer.concat(parts), complete: true }
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size))
    at = lineEnd + 2 + size + 2
  }
}

/** A new HTTP/2 session to `url`'s origin (h2 over TLS for `https:`, any certificate; h2c otherwise). */
function connectSession(url: string): Promise<ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = connect(new URL(url).origin, { rejectUnauthorized: false })
    session.once('connect', () => {
      session.off('error', reject)
      session.on('error', () => {})
      resolve(session)
    })
    session.once('error', reject)
  })
}
