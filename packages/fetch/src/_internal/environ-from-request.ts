import {
  type AbortHandle,
  bodyTooLarge,
  createAbort,
  createInput,
  decodePathInfo,
  type Environ,
  type ErrorStream,
  emptyInput,
  environKey,
  NotFound,
} from '@tsgi/core'

/** What building an environ needs besides the request. */
export interface EnvironContext {
  encodedSlashes: 'reject' | 'keep'
  scriptName: string
  errors: ErrorStream
  remote: { address: string; port?: number | undefined } | undefined
  maxBodySize: number
  multiprocess: boolean
}

/**
 * Builds the environ of a fetch `Request` (spec §2): one literal in the fixed key order, CGI keys
 * always present, `HTTP_*` keys from the headers. The WHATWG URL parser has already resolved dot
 * segments (including `%2e`), so `PATH_INFO` is decoded from the parsed pathname. A path outside
 * `scriptName` is a 404; a path that cannot be decoded is a 400 (both thrown).
 */
export function environFromRequest(
  request: Request,
  url: URL,
  context: EnvironContext,
): { environ: Environ; abort: AbortHandle } {
  const path = decodePathInfo(url.pathname, { encodedSlashes: context.encodedSlashes })
  const prefix = context.scriptName
  if (prefix !== '' && path !== prefix && !path.startsWith(`${prefix}/`)) throw new NotFound()
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > context.maxBodySize) throw bodyTooLarge(context.maxBodySize)
  const abort = createAbort()
  const signal = request.signal
  // Later aborts reach tsgi.abort through the response driver (FetchSink.watch), which ignores
  // one after the response was handed over whole: Deno aborts request.signal then (spec §3.4.2).
  if (signal.aborted) abort.abort(signal.reason)
  const body = request.body
  const scheme = url.protocol === 'https:' ? 'https' : 'http'
  const environ: Environ = {
    REQUEST_METHOD: request.method,
    SCRIPT_NAME: context.scriptName,
    PATH_INFO: path.slice(prefix.length),
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: request.headers.get('content-type') ?? '',
    CONTENT_LENGTH: request.headers.get('content-length') ?? '',
    SERVER_NAME: url.hostname,
    SERVER_PORT: url.port || (scheme === 'https' ? '443' : '80'),
    SERVER_PROTOCOL: 'HTTP/1.1',
    REMOTE_ADDR: context.remote?.address ?? '',
    REMOTE_PORT: context.remote?.port === undefined ? '' : `${context.remote.port}`,
    REQUEST_URI: `${url.pathname}${url.search}`,
    'tsgi.version': [1, 0],
    'tsgi.url_scheme': scheme,
    'tsgi.input': body === null ? emptyInput : createInput(() => limited(body, context.maxBodySize)),
    'tsgi.errors': context.errors,
    'tsgi.abort': abort.state,
    'tsgi.multiprocess': context.multiprocess,
    'tsgi.run_once': false,
  }
  // A Request made in code has no Host field (it is the client's to set): the URL's authority is it.
  if (!request.headers.has('host')) environ.HTTP_HOST = url.host
  // Headers arrive lower-cased and already joined by the Headers class (spec §2.3).
  for (const [name, value] of request.headers) {
    const key = environKey(name)
    if (key === null || key === 'CONTENT_TYPE' || key === 'CONTENT_LENGTH') continue
    environ[key as `HTTP_${string}`] = value
  }
  return { environ, abort }
}

/** The request body, rejecting with a 413 once it passes the limit (spec §3.2): the app never gets the extra bytes. */
async function* limited(body: ReadableStream<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  let size = 0
  for await (const chunk of body) {
    size += chunk.length
    if (size > limit) throw bodyTooLarge(limit)
    yield chunk
  }
}
