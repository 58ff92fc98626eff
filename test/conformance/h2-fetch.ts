import { type ClientHttp2Session, type ClientHttp2Stream, connect, constants } from 'node:http2'

/**
 * A `fetch()` that speaks HTTP/2 (h2c with prior knowledge for `http:`, h2 over TLS for
 * `https:`, any certificate) with node's http2 client, one session per origin. The conformance
 * suite's requests go through it when it runs against an HTTP/2 server: it replaces the global
 * `fetch` in that test file only. It follows no redirects and sends what `init` gives.
 */
export function h2Fetch(): { fetch: typeof fetch; close(): void } {
  const sessions = new Map<string, ClientHttp2Session>()
  const sessionFor = (origin: string): ClientHttp2Session => {
    let session = sessions.get(origin)
    if (session === undefined || session.closed || session.destroyed) {
      session = connect(origin, { rejectUnauthorized: false })
      session.on('error', () => sessions.delete(origin))
      session.once('close', () => sessions.delete(origin))
      sessions.set(origin, session)
    }
    return session
  }
  const h2fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    const headers: Record<string, string | string[]> = {
      ':method': request.method,
      ':path': `${url.pathname}${url.search}`,
      ':authority': url.host,
    }
    for (const [name, value] of request.headers) {
      // Connection-specific fields do not exist in HTTP/2 (RFC 9113 §8.2.2).
      if (name === 'connection' || name === 'keep-alive' || name === 'transfer-encoding') continue
      headers[name] = name === 'set-cookie' ? request.headers.getSetCookie() : value
    }
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer())
    // As fetch() does for a body of known length (RFC 9113 §8.1.1 lets it stand beside DATA frames).
    if (body !== undefined && headers['content-length'] === undefined) headers['content-length'] = `${body.byteLength}`
    const stream = sessionFor(url.origin).request(headers, { endStream: body === undefined })
    const signal = init.signal
    const onAbort = (): void => stream.close(constants.NGHTTP2_CANCEL)
    signal?.addEventListener('abort', onAbort, { once: true })
    if (body !== undefined) stream.end(body)
    return new Promise((resolve, reject) => {
      stream.once('error', reject)
      stream.once('response', (head) => {
        const status = Number(head[':status'])
        const out = new Headers()
        for (const [name, value] of Object.entries(head)) {
          if (name.startsWith(':') || value === undefined) continue
          for (const item of Array.isArray(value) ? value : [String(value)]) out.append(name, item)
        }
        const nullBody = request.method === 'HEAD' || status === 204 || status === 304
        const readable = nullBody ? null : bodyOf(stream)
        if (nullBody) stream.resume()
        resolve(new Response(readable, { status, headers: out }))
      })
    })
  }
  return {
    fetch: h2fetch as typeof fetch,
    close() {
      for (const session of sessions.values()) session.destroy()
      sessions.clear()
    },
  }
}

/**
 * The response body as a web stream that ends with the response's DATA (END_STREAM), pulled
 * chunk by chunk. (Readable.toWeb() would wait for the request side too, which a server that
 * answered before reading the whole request body never lets finish.)
 */
function bodyOf(stream: ClientHttp2Stream): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      stream.on('data', (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk))
        if ((controller.desiredSize ?? 0) <= 0) stream.pause()
      })
      let settled = false
      const settle = (error?: unknown): void => {
        if (settled) return
        settled = true
        if (error === undefined) controller.close()
        else controller.error(error)
      }
      stream.once('end', () => settle())
      stream.once('error', settle)
      stream.once('close', () => settle(new Error(`The stream closed before its end (code ${stream.rstCode})`)))
    },
    pull() {
      stream.resume()
    },
    cancel() {
      stream.close(constants.NGHTTP2_CANCEL)
    },
  })
}
