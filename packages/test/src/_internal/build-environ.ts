import {
  type AbortHandle,
  createAbort,
  createInput,
  decodeRequestTarget,
  describeValue,
  type Environ,
  type ErrorStream,
  emptyInput,
  environKey,
  isHeaderName,
  isHeaderValue,
} from '@tsgi/core'
import type { TestBody, TestHeaders, TestRequestInit } from '../types.js'
import { readChunks } from './read-chunks.js'

/** The default `tsgi.errors`: keeps what was written, for the response's `errors`. */
export interface ErrorCollector extends ErrorStream {
  text: string
}

/** One request as a server would set it up: the environ and the server's handles on it. */
export interface Exchange {
  environ: Environ
  abort: AbortHandle
  /** The collector, when `tsgi.errors` is the default one. */
  collector: ErrorCollector | undefined
  lint: boolean
}

const VERSION: readonly [1, 0] = Object.freeze([1, 0] as const)
const encoder = new TextEncoder()

/**
 * Normalises `request(app, 'GET /path', init)` and `request(app, init)` into one init.
 *
 * @throws {TypeError} if the target is neither a string nor an object.
 */
export function toInit(caller: string, target: unknown, init: TestRequestInit | undefined): TestRequestInit {
  if (typeof target === 'string') {
    const space = target.indexOf(' ')
    const method = space === -1 ? 'GET' : target.slice(0, space)
    const path = space === -1 ? target : target.slice(space + 1)
    return { ...init, method, path }
  }
  if (target === null || typeof target !== 'object') {
    throw new TypeError(
      `${caller}(): the request must be a string like 'GET /path' or an init object, got ${describeValue(target)}`,
    )
  }
  return target as TestRequestInit
}

/**
 * Builds the environ exactly as a server does (spec §2): one literal in a fixed key order, the CGI
 * keys always present, HTTP_* keys appended from the headers.
 *
 * @throws {BadRequest} if the path cannot be decoded (a server answers 400 without calling the app).
 * @throws {TypeError} or {RangeError} for a malformed init.
 */
export function buildExchange(caller: string, init: TestRequestInit): Exchange {
  const method = init.method ?? 'GET'
  // A method is an RFC 9110 token, the same grammar as a header name.
  if (typeof method !== 'string' || !isHeaderName(method)) {
    throw new TypeError(`${caller}(): method must be a token like 'GET', got ${JSON.stringify(method)}`)
  }
  const target = init.path ?? '/'
  if (typeof target !== 'string')
    throw new TypeError(`${caller}(): path must be a string, got ${describeValue(target)}`)
  const scheme = init.scheme ?? 'http'
  if (scheme !== 'http' && scheme !== 'https') {
    throw new TypeError(`${caller}(): scheme must be 'http' or 'https', got ${JSON.stringify(scheme)}`)
  }
  const host = init.host ?? 'localhost'
  const hostMatch = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host)
  if (hostMatch === null || hostMatch[1] === '') {
    throw new TypeError(`${caller}(): host must be a name with an optional :port, got ${JSON.stringify(host)}`)
  }
  const question = target.indexOf('?')
  // The absolute form, the asterisk rule and decoding, as every server does them (spec §2.5).
  const decoded = decodeRequestTarget(
    method,
    question === -1 ? target : target.slice(0, question),
    init.encodedSlashes === undefined ? {} : { encodedSlashes: init.encodedSlashes },
  )
  const scriptName = init.scriptName ?? ''
  const pathInfo = splitScriptName(caller, scriptName, decoded)
  const headers = headerPairs(caller, init.headers ?? {})
  if (!headers.some(([name]) => name.toLowerCase() === 'host')) headers.unshift(['host', host])
  const { input, length } = toInput(caller, init.body, headers)
  const collector = init.errors === undefined ? newCollector() : undefined
  const abort = createAbort()
  const environ: Environ = {
    REQUEST_METHOD: method,
    SCRIPT_NAME: scriptName,
    PATH_INFO: pathInfo,
    QUERY_STRING: question === -1 ? '' : target.slice(question + 1),
    CONTENT_TYPE: '',
    CONTENT_LENGTH: length,
    SERVER_NAME: hostMatch[1] as string,
    SERVER_PORT: hostMatch[2] ?? (scheme === 'https' ? '443' : '80'),
    SERVER_PROTOCOL: 'HTTP/1.1',
    REMOTE_ADDR: '127.0.0.1',
    REQUEST_URI: target,
    'tsgi.version': VERSION,
    'tsgi.url_scheme': scheme,
    'tsgi.input': input,
    'tsgi.errors': collector ?? (init.errors as ErrorStream),
    'tsgi.abort': abort.state,
    'tsgi.multiprocess': false,
    'tsgi.run_once': false,
  }
  const fields = environ as unknown as Record<string, string>
  for (const [name, value] of headers) {
    const key = environKey(name)
    if (key === null || key === 'CONTENT_LENGTH') continue
    const previous = key === 'CONTENT_TYPE' ? fields[key] || undefined : fields[key]
    // One Content-Type is used, never a join, as a server does (spec §2.2.5).
    if (key === 'CONTENT_TYPE' && previous !== undefined) continue
    // Repeated headers are joined as RFC 9110 §5.3 allows; Cookie with '; ' (RFC 6265 §5.4).
    fields[key] = previous === undefined ? value : `${previous}${key === 'HTTP_COOKIE' ? '; ' : ', '}${value}`
  }
  return { environ, abort, collector, lint: init.lint ?? true }
}

function splitScriptName(caller: string, scriptName: string, decoded: string): string {
  if (scriptName === '') return decoded
  if (typeof scriptName !== 'string' || scriptName[0] !== '/' || scriptName.endsWith('/')) {
    throw new TypeError(
      `${caller}(): scriptName must be '' or start with '/' and not end with it, got ${JSON.stringify(scriptName)}`,
    )
  }
  const rest = decoded.slice(scriptName.length)
  if (!decoded.startsWith(scriptName) || (rest !== '' && rest[0] !== '/')) {
    throw new RangeError(
      `${caller}(): the path ${JSON.stringify(decoded)} is not under scriptName ${JSON.stringify(scriptName)}`,
    )
  }
  return rest
}

function headerPairs(caller: string, headers: TestHeaders): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  const add = (name: unknown, value: unknown): void => {
    if (!isHeaderName(name)) {
      throw new TypeError(`${caller}(): header names must be tokens, got ${JSON.stringify(name)}`)
    }
    // A server's HTTP parser refuses control characters other than HTAB, and delivers Latin-1.
    if (!isHeaderValue(value)) {
      throw new TypeError(
        `${caller}(): header ${name} must be a string without control characters (HTAB allowed) or characters above U+00FF, got ${JSON.stringify(value)}`,
      )
    }
    pairs.push([name as string, value as string])
  }
  if (Array.isArray(headers)) {
    for (const pair of headers as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new TypeError(`${caller}(): headers must be [name, value] pairs, got ${JSON.stringify(pair)}`)
      }
      add(pair[0], pair[1])
    }
  } else if (headers !== null && typeof headers === 'object') {
    for (const [name, value] of Object.entries(headers)) {
      if (Array.isArray(value)) for (const item of value) add(name, item)
      else add(name, value)
    }
  } else {
    throw new TypeError(`${caller}(): headers must be an object or an array of pairs, got ${describeValue(headers)}`)
  }
  return pairs
}

function toInput(
  caller: string,
  body: TestBody | undefined,
  headers: ReadonlyArray<readonly [string, string]>,
): { input: AsyncIterable<Uint8Array>; length: string } {
  const header = headers.find(([name]) => name.toLowerCase() === 'content-length')?.[1]
  if (header !== undefined && !/^\d+$/.test(header)) {
    throw new TypeError(`${caller}(): the content-length header must be a number, got ${JSON.stringify(header)}`)
  }
  if (body === undefined || body === null) return { input: emptyInput, length: header ?? '' }
  const bytes = typeof body === 'string' ? encoder.encode(body) : body instanceof Uint8Array ? body : undefined
  const length = header ?? (bytes === undefined ? '' : String(bytes.length))
  const declared = length === '' ? undefined : Number(length)
  if (bytes !== undefined) {
    return {
      input: declared === 0 ? emptyInput : createInput(() => readChunks([bytes][Symbol.iterator](), declared)),
      length,
    }
  }
  const source = body as Partial<AsyncIterable<Uint8Array> & Iterable<Uint8Array>>
  const open = (source[Symbol.asyncIterator] ?? source[Symbol.iterator]) as
    | (() => Iterator<Uint8Array> | AsyncIterator<Uint8Array>)
    | undefined
  if (typeof open !== 'function') {
    throw new TypeError(`${caller}(): body must be bytes, a string or an iterable of bytes, got ${describeValue(body)}`)
  }
  return { input: createInput(() => readChunks(open.call(source), declared)), length }
}

function newCollector(): ErrorCollector {
  const collector: ErrorCollector = {
    text: '',
    write(text: string): void {
      collector.text += String(text)
    },
  }
  return collector
}
