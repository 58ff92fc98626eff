// A small in-memory server for these tests: it builds an environ, records startResponse calls
// with PEP 3333's commit rule (headers go out with the first non-empty chunk; a later call with
// excInfo rethrows it), drains the body sync or async, and counts close() calls.
import { type App, type Body, createAbort, type Environ, emptyInput, type HeaderList } from '@tsgi/core'

export interface Recorded {
  status: string | undefined
  headers: HeaderList
  /** Chunks that went out after the headers were committed. */
  text: string
  /** The error that escaped to the server (the connection would be cut), if any. */
  escaped: unknown
  /** Everything written to tsgi.errors. */
  log: string
  /** The headers as they were when the first chunk committed them. */
  committedStatus: string | undefined
}

export interface RequestInit {
  method?: string
  path?: string
  query?: string
  accept?: string
}

export function makeEnviron(init: RequestInit = {}): { environ: Environ; log: string[] } {
  const log: string[] = []
  const environ: Environ = {
    REQUEST_METHOD: init.method ?? 'GET',
    SCRIPT_NAME: '',
    PATH_INFO: init.path ?? '/',
    QUERY_STRING: init.query ?? '',
    CONTENT_TYPE: '',
    CONTENT_LENGTH: '',
    SERVER_NAME: 'localhost',
    SERVER_PORT: '80',
    SERVER_PROTOCOL: 'HTTP/1.1',
    ...(init.accept === undefined ? {} : { HTTP_ACCEPT: init.accept }),
    'tsgi.version': [1, 0],
    'tsgi.url_scheme': 'http',
    'tsgi.input': emptyInput,
    'tsgi.errors': { write: (text: string) => void log.push(text) },
    'tsgi.abort': createAbort().state,
    'tsgi.multiprocess': false,
    'tsgi.run_once': false,
  }
  return { environ, log }
}

const decoder = new TextDecoder()

/** Calls the app and drains its body the way a server does; resolves with what a client saw. */
export async function run(app: App, init: RequestInit = {}): Promise<Recorded> {
  const { environ, log } = makeEnviron(init)
  const recorded: Recorded = {
    status: undefined,
    headers: [],
    text: '',
    escaped: undefined,
    log: '',
    committedStatus: undefined,
  }
  let committed = false
  const startResponse = (status: string, headers: HeaderList, excInfo?: unknown): void => {
    if (recorded.status !== undefined && excInfo === undefined) {
      throw new Error('startResponse called twice without excInfo')
    }
    if (committed && excInfo !== undefined) throw excInfo
    recorded.status = status
    recorded.headers = headers
  }
  const write = (chunk: Uint8Array): void => {
    if (chunk.byteLength === 0) return
    if (!committed) {
      committed = true
      recorded.committedStatus = recorded.status
    }
    recorded.text += decoder.decode(chunk, { stream: true })
  }
  let body: Body | undefined
  try {
    body = await app(environ, startResponse)
    if (Symbol.asyncIterator in body) {
      for await (const chunk of body as AsyncIterable<Uint8Array>) write(chunk)
    } else {
      for (const chunk of body as Iterable<Uint8Array>) write(chunk)
    }
  } catch (error) {
    recorded.escaped = error
  } finally {
    await body?.close?.()
  }
  recorded.log = log.join('')
  return recorded
}

export function header(recorded: Recorded, name: string): string | undefined {
  return recorded.headers.find(([key]) => key.toLowerCase() === name)?.[1]
}

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text)

/** A body that counts its close() calls, around a sync or async iterable of chunks. */
export function closing(iterable: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Body & { closed: number } {
  const counted = {
    closed: 0,
    close(): void {
      counted.closed++
    },
  }
  return Symbol.asyncIterator in iterable
    ? Object.assign(counted, { [Symbol.asyncIterator]: () => iterable[Symbol.asyncIterator]() })
    : Object.assign(counted, { [Symbol.iterator]: () => iterable[Symbol.iterator]() })
}
