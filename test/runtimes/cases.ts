import { type App, HTTPError } from '@tsgi/core'

const encoder = new TextEncoder()

/** Records what the server side saw; the runner reads it back over `GET /__observed/<run>`. */
export type Observe = (event: string) => void

/** One app of the portable table, built per request so it can report what happened to it. */
export interface PortableCase {
  app: (observe: Observe) => App
  /** `toFetchHandler`'s body limit for this case. */
  maxBodySize?: number
}

const json = (value: unknown): Uint8Array[] => [encoder.encode(JSON.stringify(value))]

/** A body that reports each step of its life (spec §5.4): each `next()`, its end, `return()`, `close()`. */
function observedBody(observe: Observe, parts: string[]): IterableIterator<Uint8Array> & { close(): void } {
  let index = 0
  return {
    [Symbol.iterator]() {
      return this
    },
    next() {
      const part = parts[index++]
      if (part === undefined) {
        observe('done')
        return { done: true, value: undefined }
      }
      observe(`next ${part}`)
      return { done: false, value: encoder.encode(part) }
    },
    return() {
      observe('return')
      return { done: true, value: undefined }
    },
    close: () => observe('close'),
  }
}

/**
 * The conformance cases that a server in another runtime can serve by name: apps that need no
 * closure over the test, whose server-side observations travel back through `observe`. The
 * runner (portable.test.ts) holds the requests and the expectations; each entry here is served
 * under `/<name>` (its `SCRIPT_NAME`) by test/runtimes/portable-server.ts on every runtime.
 */
export const CASES: Record<string, PortableCase> = {
  environ: {
    app: () => (environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'application/json']])
      const own = Object.fromEntries(Object.entries(environ).filter(([, value]) => typeof value !== 'object'))
      return json({ ...own, version: environ['tsgi.version'], aborted: environ['tsgi.abort'].aborted })
    },
  },
  echo: {
    app: () => async (environ, startResponse) => {
      const received: Uint8Array[] = []
      for await (const chunk of environ['tsgi.input']) received.push(chunk)
      startResponse('200 OK', [['content-type', 'application/octet-stream']])
      return received
    },
  },
  limited: {
    maxBodySize: 8,
    app: (observe) => async (environ, startResponse) => {
      observe('called')
      try {
        for await (const _ of environ['tsgi.input']);
      } catch (error) {
        observe(`read failed ${(error as { status?: number }).status}`)
        throw error
      }
      startResponse('200 OK', [])
      return []
    },
  },
  array: {
    app: () => (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return [encoder.encode('ab'), new Uint8Array(0), encoder.encode('cde')]
    },
  },
  stream: {
    app: (observe) => (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return observedBody(observe, ['one ', 'two ', 'three'])
    },
  },
  slow: {
    app: (observe) => (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return (async function* () {
        for (let index = 0; index < 3; index++) {
          await new Promise((resolve) => setTimeout(resolve, 20))
          observe(`chunk ${index}`)
          yield encoder.encode(`${index};`)
        }
      })()
    },
  },
  bytes: {
    app: () => (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'application/octet-stream']])
      return [Uint8Array.from({ length: 256 }, (_, index) => index)]
    },
  },
  cookies: {
    app: () => (_environ, startResponse) => {
      startResponse('200 OK', [
        ['set-cookie', 'a=1; Path=/'],
        ['set-cookie', 'b=2; Path=/'],
        ['x-custom', 'kept'],
      ])
      return []
    },
  },
  'no-body': {
    app: (observe) => (environ, startResponse) => {
      const status = environ.PATH_INFO === '/204' ? '204 No Content' : '200 OK'
      startResponse(status, [['content-type', 'text/plain']])
      return observedBody(observe, ['never sent'])
    },
  },
  failing: {
    app: () => () => {
      throw new Error('secret detail')
    },
  },
  'http-error': {
    app: () => () => {
      throw new HTTPError(409, 'Already there', { headers: [['x-reason', 'conflict']] })
    },
  },
  'bad-chunk': {
    app: () => (_environ, startResponse) => {
      startResponse('200 OK', [])
      return ['a string'] as unknown as Uint8Array[]
    },
  },
  'bad-header': {
    app: () => (_environ, startResponse) => {
      startResponse('200 OK', [['x-evil', 'a\r\nInjected: 1']])
      return []
    },
  },
}
