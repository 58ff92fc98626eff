import {
  type App,
  type Body,
  createAbort,
  createResponseDriver,
  type Environ,
  type HeaderList,
  NotFound,
  type ResponseDriver,
  type ResponseSink,
  type StartResponse,
} from '@tsgi/core'
import { describe, expect, it } from 'vitest'

const encoder = new TextEncoder()
const bytes = (text: string) => encoder.encode(text)

/** A sink that records every call, with a buffer that is full after `capacity` writes. */
function recorder(options: { capacity?: number; refuseHeads?: number; withEndArray?: boolean } = {}) {
  const calls: string[] = []
  let capacity = options.capacity ?? Number.POSITIVE_INFINITY
  let refuse = options.refuseHeads ?? 0
  const heads: { status: number; reason: string; headers: HeaderList; length: number }[] = []
  const tracked: Promise<unknown>[] = []
  let driver: ResponseDriver | undefined
  const sink: ResponseSink = {
    head(status, reason, headers, length) {
      if (refuse-- > 0) throw new TypeError('the connection refused this head')
      heads.push({ status, reason, headers: headers.map((pair) => [...pair] as const), length })
      calls.push(`head ${status} ${reason}`)
    },
    write(chunk) {
      calls.push(`write ${new TextDecoder().decode(chunk)}`)
      return --capacity > 0
    },
    end(chunk) {
      calls.push(chunk === undefined ? 'end' : `end ${new TextDecoder().decode(chunk)}`)
    },
    cut() {
      calls.push('cut')
    },
    watch(given) {
      driver = given as ResponseDriver
      calls.push('watch')
    },
    track(pending) {
      tracked.push(pending)
    },
  }
  if (options.withEndArray) {
    sink.endArray = (chunks) => calls.push(`endArray ${chunks.length}`)
  }
  return {
    sink,
    calls,
    heads,
    settle: () => Promise.all(tracked),
    drain(more = Number.POSITIVE_INFINITY) {
      capacity = more
      driver?.resume()
    },
    get driver() {
      return driver as ResponseDriver
    },
  }
}

function environ(method = 'GET'): { environ: Environ; log: () => string; abort: ReturnType<typeof createAbort> } {
  let text = ''
  const abort = createAbort()
  const env = {
    REQUEST_METHOD: method,
    SCRIPT_NAME: '',
    PATH_INFO: '/x',
    QUERY_STRING: '',
    'tsgi.errors': { write: (chunk: string) => void (text += chunk) },
    'tsgi.abort': abort.state,
  } as unknown as Environ
  return { environ: env, log: () => text, abort }
}

function drive(app: App, sink: ResponseSink, method = 'GET') {
  const made = environ(method)
  const driver = createResponseDriver(made.environ, made.abort, sink)
  driver.run(app)
  return { ...made, driver }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

/** A body whose iterator and close() record what the consumer called. */
function tracedBody(chunks: string[], events: string[]): Body {
  let index = 0
  return {
    [Symbol.iterator]() {
      return {
        next() {
          events.push('next')
          return index < chunks.length
            ? { done: false, value: bytes(chunks[index++] as string) }
            : { done: true, value: undefined }
        },
        return() {
          events.push('return')
          return { done: true, value: undefined }
        },
      }
    },
    close() {
      events.push('close')
    },
  } as Body
}

describe('createResponseDriver(environ, abort, sink)', () => {
  it('sends an array in one end() with its total as Content-Length (spec §5.5.1), synchronously', () => {
    const sink = recorder()
    drive((_e, start) => {
      start('200 OK', [['content-type', 'text/plain']])
      return [bytes('hello')]
    }, sink.sink)
    expect(sink.calls).toEqual(['head 200 OK', 'end hello'])
    expect(sink.heads[0]?.headers).toEqual([
      ['content-type', 'text/plain'],
      ['content-length', '5'],
    ])
    expect(sink.heads[0]?.length).toBe(5)
  })

  it('hands an array of several chunks to endArray, or to write() and end() without it', () => {
    const app: App = (_e, start) => {
      start('200 OK', [])
      return [bytes('a'), new Uint8Array(0), bytes('b')]
    }
    const fast = recorder({ withEndArray: true })
    drive(app, fast.sink)
    expect(fast.calls).toEqual(['head 200 OK', 'endArray 3'])
    const plain = recorder()
    drive(app, plain.sink)
    expect(plain.calls).toEqual(['head 200 OK', 'write a', 'write b', 'end'])
  })

  it('commits nothing for empty chunks before startResponse (spec §4.6.2, REVIEW A1)', () => {
    const sink = recorder()
    const { log } = drive(
      (_e, start) =>
        (function* () {
          yield new Uint8Array(0)
          start('200 OK', [])
          yield bytes('late')
        })(),
      sink.sink,
    )
    expect(log()).toBe('')
    expect(sink.calls).toEqual(['watch', 'head 200 OK', 'write late', 'end'])
  })

  it('sends the header list as checked at the call, not as changed afterwards (spec §4.3, REVIEW A7)', () => {
    const sink = recorder()
    drive((_e, start) => {
      const headers: [string, string][] = [['content-type', 'text/plain']]
      start('200 OK', headers)
      headers.push(['transfer-encoding', 'chunked'], ['status', '500'])
      ;(headers[0] as [string, string])[1] = 'text/html\r\nx-injected: 1'
      return [bytes('ok')]
    }, sink.sink)
    expect(sink.heads[0]?.headers).toEqual([
      ['content-type', 'text/plain'],
      ['content-length', '2'],
    ])
  })

  it('pulls one chunk per write and pauses a sync body on back-pressure until resume() (spec §4.6.4)', () => {
    const sink = recorder({ capacity: 1 })
    const events: string[] = []
    drive((_e, start) => {
      start('200 OK', [])
      return tracedBody(['a', 'b', 'c'], events)
    }, sink.sink)
    expect(sink.calls).toEqual(['watch', 'head 200 OK', 'write a'])
    expect(events).toEqual(['next'])
    sink.drain(1)
    expect(sink.calls.slice(3)).toEqual(['write b'])
    sink.drain()
    expect(sink.calls.slice(4)).toEqual(['write c', 'end'])
    expect(events).toEqual(['next', 'next', 'next', 'next', 'close'])
  })

  it('stops a body at its Content-Length: end, return(), then close() (spec §5.5.2, §5.4.3)', () => {
    const sink = recorder()
    const events: string[] = []
    drive((_e, start) => {
      start('200 OK', [['content-length', '2']])
      return tracedBody(['a', 'b', 'never'], events)
    }, sink.sink)
    expect(sink.calls).toEqual(['watch', 'head 200 OK', 'write a', 'end b'])
    expect(events).toEqual(['next', 'next', 'return', 'close'])
  })

  it('cuts on more or fewer bytes than Content-Length, and logs it (spec §5.5.2)', () => {
    for (const chunks of [['abc'], ['a']]) {
      const sink = recorder()
      const events: string[] = []
      const { log } = drive((_e, start) => {
        start('200 OK', [['content-length', '2']])
        return tracedBody(chunks, events)
      }, sink.sink)
      expect(sink.calls.at(-1)).toBe('cut')
      expect(log()).toMatch(/Content-Length \(spec §5\.5\.2\)/)
      expect(events.at(-1)).toBe('close')
    }
  })

  it('answers HEAD, 204 and 304 with the head alone and stops the body (spec §5.6)', () => {
    for (const [method, status] of [
      ['HEAD', '200 OK'],
      ['GET', '204 No Content'],
      ['GET', '304 Not Modified'],
    ] as const) {
      const sink = recorder()
      const events: string[] = []
      drive(
        (_e, start) => {
          start(status, status.startsWith('204') ? [] : [['content-length', '3']])
          return tracedBody(['abc'], events)
        },
        sink.sink,
        method,
      )
      expect(sink.calls).toEqual(['watch', `head ${status}`, 'end'])
      expect(events).toEqual(['next', 'return', 'close'])
    }
  })

  it('follows a thenable function as a promise of the body (spec §1.2.2, REVIEW A8)', async () => {
    const sink = recorder()
    const thenable = Object.assign(() => {}, {
      // biome-ignore lint/suspicious/noThenProperty: the point of the test is a function with a then
      then(resolve: (body: Body) => void) {
        resolve([bytes('from a function')])
      },
    })
    drive(
      ((_e: Environ, start: StartResponse) => {
        start('200 OK', [])
        return thenable
      }) as unknown as App,
      sink.sink,
    )
    await tick()
    expect(sink.calls).toEqual(['watch', 'head 200 OK', 'end from a function'])
  })

  it('answers an error before the commit with errorResponse and its reason, once (spec §6.2.1)', () => {
    const sink = recorder()
    const { log } = drive(() => {
      throw new NotFound('no such thing')
    }, sink.sink)
    expect(sink.calls).toEqual(['head 404 Not Found', 'end no such thing\n'])
    expect(log()).toMatch(/^\[tsgi\] GET \/x: NotFound: no such thing/)
  })

  it('sends the error response with its own reason after a refused head (spec §6.2.1, REVIEW A6)', () => {
    const sink = recorder({ refuseHeads: 1 })
    const { log } = drive((_e, start) => {
      start('200 OK', [])
      return [bytes('x')]
    }, sink.sink)
    expect(sink.calls).toEqual(['head 500 Internal Server Error', 'end Internal Server Error\n'])
    expect(log()).toMatch(/the connection refused this head/)
  })

  it('throws excInfo from a late startResponse after an error response (spec §4.5.8, REVIEW A4)', async () => {
    const sink = recorder()
    let late: unknown
    const error = new Error('late')
    drive(async (_e, start) => {
      await tick()
      setTimeout(() => {
        try {
          start('500 Internal Server Error', [], error)
        } catch (thrown) {
          late = thrown
        }
      }, 0)
      throw new Error('first')
    }, sink.sink)
    await tick()
    await tick()
    await tick()
    expect(sink.calls).toEqual(['watch', 'head 500 Internal Server Error', 'end Internal Server Error\n'])
    expect(late).toBe(error)
  })

  it('answers 500 to a body that ends without startResponse, and closes it (spec §5.4.5)', () => {
    const sink = recorder()
    const events: string[] = []
    drive(() => tracedBody([], events), sink.sink)
    expect(sink.calls).toEqual(['watch', 'head 500 Internal Server Error', 'end Internal Server Error\n'])
    expect(events).toEqual(['next', 'close'])
  })

  it('client gone with a next() pending: close() at once, return() when it settles (spec §5.4.7)', async () => {
    const sink = recorder()
    const events: string[] = []
    let release: (() => void) | undefined
    const body = {
      [Symbol.asyncIterator]() {
        return {
          next() {
            events.push('next')
            return new Promise<IteratorResult<Uint8Array>>((resolve) => {
              release = () => resolve({ done: false, value: bytes('x') })
            })
          },
          async return() {
            events.push('return')
            return { done: true as const, value: undefined }
          },
        }
      },
      close() {
        events.push('close')
      },
    }
    const { abort } = drive((_e, start) => {
      start('200 OK', [])
      return body
    }, sink.sink)
    sink.driver.abort()
    expect(abort.state.aborted).toBe(true)
    expect(events).toEqual(['next', 'close'])
    release?.()
    await tick()
    expect(events).toEqual(['next', 'close', 'return'])
    expect(sink.calls).toEqual(['watch'])
  })

  it.each([
    ['a string', 'boom'],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['a duck-typed HTTPError with a status that is not a number', { isHTTPError: true, status: 'abc' }],
    ['a duck-typed HTTPError with a success status', { isHTTPError: true, status: 200, expose: true, message: 'ok' }],
    ['a redirect status on an Error', Object.assign(new Error('moved'), { status: 302 })],
    [
      'an object whose getters throw',
      Object.defineProperty({}, 'isHTTPError', {
        get() {
          throw new Error('getter')
        },
      }),
    ],
    [
      'a revoked Proxy',
      (() => {
        const { proxy, revoke } = Proxy.revocable({}, {})
        revoke()
        return proxy
      })(),
    ],
  ])('answers 500 to %s thrown, logs it, and never a success (#24)', (_what, thrown) => {
    const sink = recorder()
    const { log } = drive(() => {
      throw thrown
    }, sink.sink)
    expect(sink.calls).toEqual(['head 500 Internal Server Error', 'end Internal Server Error\n'])
    expect(log()).toMatch(/^\[tsgi\] GET \/x: /)
  })
})
