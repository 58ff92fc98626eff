import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { HeaderList, ResponseDriver, ResponseSink } from '@tsgi/core'

/** What the handler shares with `serve()`: whether it is closing, and `close()` promises still pending. */
export interface HandlerState {
  closing: boolean
  readonly pending: Set<Promise<unknown>>
}

/** Milliseconds a cut connection may take to flush what was written before it is destroyed. */
const CUT_GRACE = 5000
/**
 * Milliseconds a connection answered before its request body was read keeps reading (and
 * dropping) what the client still sends, so the client reads the answer (a 413) instead of a reset.
 */
const LINGER = 2000
const LINGERING = Symbol('tsgi.lingering')

/**
 * Bodies up to this many bytes go out in one write with the head. node joins the head and a
 * string body into one string and one write, but sends the head and a byte body as a `writev` of
 * two; a latin1 string holds any bytes unchanged, and for a small body the copy costs less than
 * the `writev` (hello world under callgrind: 205.0k → 199.8k instructions per request).
 */
const ONE_WRITE_MAX = 1024

/**
 * Core's response driver writing to a `node:http` response (spec §6): `writeHead` with the
 * driver's checked header copy, `write` with node's back-pressure, one corked write for an array
 * body, and a cut that leaves the framing unfinished. Everything else is the driver's.
 */
export class NodeSink implements ResponseSink {
  /** The Content-Length sent, -1 when node frames the body itself (chunked or close-delimited). */
  private length = -1
  private readonly req: IncomingMessage
  private readonly res: ServerResponse
  private readonly state: HandlerState
  private readonly hasBody: boolean
  /** Whether a chunk was written: until then the head is still held by node, unsent. */
  private wrote = false

  constructor(req: IncomingMessage, res: ServerResponse, state: HandlerState, hasBody: boolean) {
    this.req = req
    this.res = res
    this.state = state
    this.hasBody = hasBody
  }

  head(status: number, reason: string, headers: HeaderList, length: number): void {
    const res = this.res
    // Reusing a connection whose request body was not read to the end would mix two requests;
    // during shutdown every response closes its connection (spec §6.4.3, §6.5.1).
    if (this.hasBody && !this.req.complete) {
      res.shouldKeepAlive = false
      lingerOnClose(res.socket)
    } else if (this.state.closing) res.shouldKeepAlive = false
    // The reason is always passed: a head node refused may have left its own statusMessage set.
    res.writeHead(status, reason, headers as [string, string][])
    this.length = length
  }

  write(chunk: Uint8Array): boolean {
    this.wrote = true
    return this.res.write(chunk)
  }

  end(chunk?: Uint8Array): void {
    const res = this.res
    if (chunk === undefined) res.end()
    else if (chunk.byteLength <= ONE_WRITE_MAX && !this.wrote) res.end(latin1(chunk), 'latin1')
    else res.end(chunk)
  }

  endArray(chunks: readonly Uint8Array[]): void {
    const res = this.res
    res.cork()
    for (let index = 0; index < chunks.length; index++) {
      const chunk = chunks[index] as Uint8Array
      if (chunk.byteLength > 0) res.write(chunk)
    }
    res.end() // end() uncorks
  }

  /**
   * Ends the connection so the client sees a truncated response (spec §6.2.2): what was written
   * is flushed, the framing stays unfinished (no last chunk, fewer bytes than Content-Length). A
   * close-delimited body (HTTP/1.0) would look complete after a clean close, so it is reset.
   */
  cut(): void {
    const res = this.res
    const socket = res.socket
    if (socket === null || socket.destroyed) return
    const framed = this.length >= 0 || (res as ServerResponse & { chunkedEncoding?: boolean }).chunkedEncoding === true
    if (!framed || !res.headersSent) {
      socket.resetAndDestroy()
      return
    }
    // Node 24 may still hold the head and the last chunks in the response's own buffer (flushed on
    // a later tick): end the socket only after them, or the client would see nothing at all.
    setImmediate(() => socket.end())
    // A client that stopped reading must not hold the socket open forever.
    const timer = setTimeout(() => socket.destroy(), CUT_GRACE)
    timer.unref()
    socket.once('close', () => clearTimeout(timer))
  }

  watch(driver: ResponseDriver): void {
    const res = this.res
    res.once('close', () => {
      // A close after the last byte was handed over is not an abort (spec §3.4.2).
      if (!res.writableFinished) driver.abort()
    })
    res.on('drain', () => driver.resume())
  }

  track(pending: Promise<unknown>): void {
    const set = this.state.pending
    // The chain settles after the body's own promise, so a shutdown waiting on it waits for both.
    const tracked: Promise<unknown> = pending.finally(() => set.delete(tracked))
    set.add(tracked)
  }
}

/** The bytes as a latin1 string, one character per byte, so writing it with 'latin1' sends the same bytes. */
function latin1(chunk: Uint8Array): string {
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1')
}

/**
 * A lingering close (as nginx's `lingering_close`): closing a connection while the client still
 * sends its body would reset it, and the client would lose the response written just before.
 * After the response, node calls `destroySoon()`; this one sends FIN, then reads and drops what
 * arrives until the client closes its side, for {@link LINGER} ms at most.
 */
function lingerOnClose(socket: (Socket & { [LINGERING]?: true }) | null): void {
  if (socket === null || socket[LINGERING]) return
  socket[LINGERING] = true
  socket.destroySoon = function lingeringClose(this: Socket): void {
    if (this.writable) this.end()
    const timer = setTimeout(() => this.destroy(), LINGER)
    timer.unref()
    this.once('end', () => this.destroy())
    this.once('close', () => clearTimeout(timer))
    this.resume()
  }
}
