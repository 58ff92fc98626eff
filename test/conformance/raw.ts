import { connect, type Socket } from 'node:net'
import { connect as connectTls } from 'node:tls'

/** One parsed HTTP/1.x response from a raw byte stream. */
export interface RawResponse {
  status: number
  reason: string
  /** Header names lower-cased; repeated fields joined with ', '. */
  headers: Record<string, string>
  /** The raw header block, to look for what must never be written. */
  head: string
  body: Buffer
  /** False when the connection ended before the framing said the body was complete. */
  complete: boolean
}

/** What a raw exchange saw: the bytes, the responses in them, and whether the server closed. */
export interface RawResult {
  bytes: Buffer
  responses: RawResponse[]
  /** True when the server ended or reset the connection before `timeout`. */
  closed: boolean
}

export interface RawOptions {
  /** Milliseconds to wait for the server to close before giving up (no assertion on time). @default 3000 */
  timeout?: number
  /** Resolve as soon as this many complete responses arrived, without waiting for a close. */
  responses?: number
  /** Called once connected, to write in steps; the default writes `data` at once. */
  write?: (socket: Socket) => void | Promise<void>
}

/**
 * Opens a TCP connection to `url`'s host and port; TLS for an `https:` URL (HTTP/1.1 by ALPN,
 * any certificate: the suite makes its own).
 */
export function open(url: string): Promise<Socket> {
  const { hostname, port, protocol } = new URL(url)
  const host = hostname.replace(/^\[|\]$/g, '')
  return new Promise((resolve, reject) => {
    const socket =
      protocol === 'https:'
        ? connectTls({ host, port: Number(port), rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] }, () =>
            resolve(socket),
          )
        : connect({ host, port: Number(port) }, () => resolve(socket))
    socket.once('error', reject)
  })
}

/**
 * Sends raw bytes and collects what comes back, for behaviour an HTTP client would hide
 * (truncation, pipelining, malformed and smuggled requests). Bounded by `timeout`.
 */
export async function raw(url: string, data: string | Buffer, options: RawOptions = {}): Promise<RawResult> {
  const socket = await open(url)
  const chunks: Buffer[] = []
  const { timeout = 3000, responses: wanted } = options
  const result = new Promise<RawResult>((resolve) => {
    let settled = false
    const finish = (closed: boolean): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      const bytes = Buffer.concat(chunks)
      resolve({ bytes, responses: parseResponses(bytes), closed })
    }
    const timer = setTimeout(() => finish(false), timeout)
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      if (wanted !== undefined) {
        const parsed = parseResponses(Buffer.concat(chunks))
        if (parsed.filter((response) => response.complete).length >= wanted) finish(false)
      }
    })
    socket.on('end', () => finish(true))
    socket.on('close', () => finish(true))
    socket.on('error', () => finish(true))
  })
  if (options.write) await options.write(socket)
  else socket.write(data)
  return result
}

/** Splits a byte stream into responses by their framing (Content-Length, chunked, or close). */
export function parseResponses(bytes: Buffer, method = 'GET'): RawResponse[] {
  const responses: RawResponse[] = []
  let offset = 0
  while (offset < bytes.length) {
    const end = bytes.indexOf('\r\n\r\n', offset)
    if (end === -1) break
    const head = bytes.subarray(offset, end).toString('latin1')
    const [statusLine = '', ...lines] = head.split('\r\n')
    const match = /^HTTP\/1\.[01] (\d{3}) ?(.*)$/.exec(statusLine)
    if (match === null) break
    const status = Number(match[1])
    const headers: Record<string, string> = {}
    for (const line of lines) {
      const colon = line.indexOf(':')
      const name = line.slice(0, colon).toLowerCase()
      const value = line.slice(colon + 1).trim()
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`
    }
    offset = end + 4
    if (status < 200 || status === 204 || status === 304 || method === 'HEAD') {
      responses.push({ status, reason: match[2] ?? '', headers, head, body: Buffer.alloc(0), complete: true })
      continue
    }
    const { body, complete, next } = readBody(bytes, offset, headers)
    responses.push({ status, reason: match[2] ?? '', headers, head, body, complete })
    offset = next
  }
  return responses
}

function readBody(bytes: Buffer, offset: number, headers: Record<string, string>) {
  if (headers['transfer-encoding'] === 'chunked') {
    const parts: Buffer[] = []
    let at = offset
    for (;;) {
      const lineEnd = bytes.indexOf('\r\n', at)
      if (lineEnd === -1) return { body: Buffer.concat(parts), complete: false, next: bytes.length }
      const size = Number.parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16)
      if (Number.isNaN(size)) return { body: Buffer.concat(parts), complete: false, next: bytes.length }
      if (size === 0) {
        const complete = bytes.length >= lineEnd + 4
        return { body: Buffer.concat(parts), complete, next: Math.min(bytes.length, lineEnd + 4) }
      }
      if (bytes.length < lineEnd + 2 + size + 2) {
        parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size))
        return { body: Buffer.concat(parts), complete: false, next: bytes.length }
      }
      parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size))
      at = lineEnd + 2 + size + 2
    }
  }
  const length = headers['content-length']
  if (length !== undefined) {
    const size = Number(length)
    const body = bytes.subarray(offset, offset + size)
    return { body, complete: body.length === size, next: offset + body.length }
  }
  // Close-delimited: the body is everything up to the end of the connection.
  return { body: bytes.subarray(offset), complete: true, next: bytes.length }
}

/** Resolves after `ms` milliseconds (to let a server act; never asserted on). */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Polls `check` until it is true, every 10 ms, at most `timeout` ms; false when it never was. */
export async function eventually(check: () => boolean, timeout = 3000): Promise<boolean> {
  const deadline = Date.now() + timeout
  while (!check()) {
    if (Date.now() > deadline) return false
    await delay(10)
  }
  return true
}
