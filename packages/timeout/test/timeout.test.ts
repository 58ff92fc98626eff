import type { App, Body, Environ } from '@tsgi/core'
import { exceptionMiddleware } from '@tsgi/exceptions'
import { lint } from '@tsgi/lint'
import { request, stream } from '@tsgi/test'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { timeout } from '../src/index.js'

const encoder = new TextEncoder()
const text = (value: string) => encoder.encode(value)

/** What a test watches of the inner app: its environ, and how its body was stopped. */
interface Probe {
  environ?: Environ
  closed: number
  finallyRan: boolean
}

/** Resolves when the request's signal aborts: how a well-behaved app waits on slow work. */
const aborted = (environ: Environ) =>
  new Promise<never>((_resolve, reject) => {
    const signal = environ['tsgi.abort'].signal
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })

/** An async body: `before` chunks, then a wait for the signal (slow work), with close() counted. */
function slowBody(probe: Probe, environ: Environ, before: string[]): Body {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (const chunk of before) yield text(chunk)
        await aborted(environ)
      } finally {
        probe.finallyRan = true
      }
    },
    close: () => {
      probe.closed++
    },
  }
}

/** An app (linted: lint checks that timeout() drives it as a server must) with a slow body. */
function slowStreaming(probe: Probe, before: string[]): App {
  return lint((environ, startResponse) => {
    probe.environ = environ
    startResponse('200 OK', [['content-type', 'text/plain']])
    return slowBody(probe, environ, before)
  })
}

const newProbe = (): Probe => ({ closed: 0, finallyRan: false })

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('timeout(app, ms): in time', () => {
  it('passes an array body through as it is and leaves no timer behind', async () => {
    const body = [text('hi')]
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [])
      return body
    }
    const res = await request(timeout(app, 1000), 'GET /')
    expect(res.text()).toBe('hi')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('streams an async body and clears the timer when the response is over', async () => {
    const probe = newProbe()
    const app: App = lint((_environ, startResponse) => {
      startResponse('200 OK', [])
      return {
        async *[Symbol.asyncIterator]() {
          yield text('a')
          yield text('b')
        },
        close: () => void probe.closed++,
      }
    })
    const res = await request(timeout(app, 1000), 'GET /')
    expect(res.text()).toBe('ab')
    expect(probe.closed).toBe(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('clears the timer when the app throws or its promise rejects, and lets the error through', async () => {
    const throwing: App = () => {
      throw new Error('sync')
    }
    const rejecting: App = async () => {
      throw new Error('async')
    }
    await expect(request(timeout(throwing, 1000), 'GET /')).rejects.toThrow('sync')
    await expect(request(timeout(rejecting, 1000), 'GET /')).rejects.toThrow('async')
    expect(vi.getTimerCount()).toBe(0)
  })

  it("gives the app a tsgi.abort that follows the client's: gone means aborted", async () => {
    const probe = newProbe()
    const res = await stream(timeout(slowStreaming(probe, ['first']), 60_000), 'GET /')
    const signal = probe.environ!['tsgi.abort'].signal
    res.abort()
    await vi.waitFor(() => expect(probe.closed).toBe(1))
    expect(signal.aborted).toBe(true)
    expect(signal.reason).toMatchObject({ name: 'AbortError' })
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('timeout(app, ms): time up before the headers were committed', () => {
  it('answers 503 while the app is still working, aborts its signal with a TimeoutError, and refuses its late startResponse', async () => {
    let reason: unknown
    let late: unknown
    const app: App = lint(async (environ, startResponse) => {
      await aborted(environ).catch((error) => {
        reason = error
      })
      try {
        startResponse('200 OK', []) // too late: the response went another way
      } catch (error) {
        late = error
        throw error
      }
      return []
    })
    const pending = request(exceptionMiddleware(timeout(app, 500)), 'GET /')
    await vi.advanceTimersByTimeAsync(500)
    const res = await pending
    expect(res.status).toBe(503)
    expect(reason).toMatchObject({ name: 'TimeoutError', message: 'The request took longer than 500 ms' })
    expect(vi.getTimerCount()).toBe(0)
    expect(late).toMatchObject({ name: 'ServiceUnavailable', status: 503 })
    expect(res.errors).not.toContain('the app failed after') // its failure was the timeout itself
  })

  it('closes a body the app returns after the time was up, without iterating it', async () => {
    const probe = newProbe()
    let finish!: () => void
    const app: App = async (environ) => {
      await new Promise<void>((resolve) => {
        finish = resolve
      })
      return slowBody(probe, environ, ['never'])
    }
    const pending = request(exceptionMiddleware(timeout(app, 100)), 'GET /')
    await vi.advanceTimersByTimeAsync(100)
    expect((await pending).status).toBe(503)
    finish()
    await vi.waitFor(() => expect(probe.closed).toBe(1))
    expect(probe.finallyRan).toBe(false) // never iterated
  })

  it('logs an error the app raises after its time was up, as it is not the timeout', async () => {
    let fail!: (error: Error) => void
    const app: App = () =>
      new Promise<Body>((_resolve, reject) => {
        fail = reject
      })
    const pending = request(exceptionMiddleware(timeout(app, 100)), 'GET /')
    await vi.advanceTimersByTimeAsync(100)
    const res = await pending
    fail(new Error('database went away'))
    await vi.waitFor(() =>
      expect(res.errors).toContain('timeout: the app failed after its 100 ms were up: Error: database went away'),
    )
  })

  it('answers with the onTimeout app instead, replacing a head the app had started', async () => {
    const onTimeout: App = (_environ, startResponse) => {
      startResponse('504 Gateway Timeout', [['content-type', 'text/plain']])
      return [text('too slow')]
    }
    const app: App = async (environ, startResponse) => {
      startResponse('200 OK', [['x-started', 'yes']])
      return await aborted(environ)
    }
    const pending = request(timeout(app, 100, { onTimeout }), 'GET /')
    await vi.advanceTimersByTimeAsync(100)
    const res = await pending
    expect([res.status, res.text(), res.header('x-started')]).toEqual([504, 'too slow', undefined])
  })

  it('answers 503 when the body has yielded nothing yet, and stops the inner body once (return, then close)', async () => {
    const probe = newProbe()
    const pending = request(exceptionMiddleware(timeout(slowStreaming(probe, []), 200)), 'GET /')
    await vi.advanceTimersByTimeAsync(200)
    const res = await pending
    expect(res.status).toBe(503)
    await vi.waitFor(() => expect(probe.finallyRan).toBe(true))
    expect(probe.closed).toBe(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('switches an uncommitted body over to the onTimeout app', async () => {
    const probe = newProbe()
    const onTimeout: App = (_environ, startResponse) => {
      startResponse('503 Service Unavailable', [['retry-after', '5']])
      return [text('later')]
    }
    const pending = request(timeout(slowStreaming(probe, []), 200, { onTimeout }), 'GET /')
    await vi.advanceTimersByTimeAsync(200)
    const res = await pending
    expect([res.status, res.header('retry-after'), res.text()]).toEqual([503, '5', 'later'])
    await vi.waitFor(() => expect(probe.finallyRan).toBe(true))
    expect(probe.closed).toBe(1)
    expect(res.errors).toBe('') // lint saw the inner body closed once, and not pulled after
  })
})

describe('timeout(app, ms): time up after the headers were committed', () => {
  it('cuts the response: the pending read rejects, the inner body is returned and closed once', async () => {
    const probe = newProbe()
    const res = await stream(timeout(slowStreaming(probe, ['first ']), 300), 'GET /')
    expect(res.status).toBe(200)
    const chunks = res.chunks[Symbol.asyncIterator]()
    expect(new TextDecoder().decode((await chunks.next()).value)).toBe('first ')
    const read = chunks.next()
    const outcome = expect(read).rejects.toMatchObject({ status: 503 })
    await vi.advanceTimersByTimeAsync(300)
    await outcome
    await vi.waitFor(() => expect(probe.closed).toBe(1))
    expect(probe.finallyRan).toBe(true)
    expect(probe.environ!['tsgi.abort'].aborted).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('returns an inner iterator that ignores the signal once its pending step settles (spec 5.4.7)', async () => {
    const probe = newProbe()
    let resume!: () => void
    const app: App = lint((_environ, startResponse) => {
      startResponse('200 OK', [])
      return {
        async *[Symbol.asyncIterator]() {
          try {
            yield text('first')
            await new Promise<void>((resolve) => {
              resume = resolve
            })
            yield text('late')
            yield text('never')
          } finally {
            probe.finallyRan = true
          }
        },
        close: () => void probe.closed++,
      }
    })
    const res = await stream(timeout(app, 100), 'GET /')
    const chunks = res.chunks[Symbol.asyncIterator]()
    await chunks.next()
    const read = expect(chunks.next()).rejects.toMatchObject({ status: 503 })
    await vi.advanceTimersByTimeAsync(100)
    await read
    await vi.waitFor(() => expect(probe.closed).toBe(1)) // at once, while its step is pending
    expect(probe.finallyRan).toBe(false)
    resume()
    await vi.waitFor(() => expect(probe.finallyRan).toBe(true)) // return() once the step settled
    // The cut is logged as a server logs an error after the commit (spec §6.2.2); lint saw nothing wrong.
    expect(res.errors).toContain('ServiceUnavailable')
    expect(res.errors).not.toContain('LintError')
  })

  it('cuts a synchronous body at its next pull, after the time was up while the client was slow', async () => {
    let closed = 0
    const app: App = lint((_environ, startResponse) => {
      startResponse('200 OK', [])
      return Object.assign([text('one'), text('two')].values(), { close: () => void closed++ })
    })
    const res = await stream(timeout(app, 50), 'GET /')
    const chunks = res.chunks[Symbol.asyncIterator]()
    await chunks.next()
    await vi.advanceTimersByTimeAsync(50)
    await expect(chunks.next()).rejects.toMatchObject({ status: 503 })
    expect(closed).toBe(1)
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('timeout(app, ms): an app that resolved in time', () => {
  it('never calls onTimeout for a synchronous body once the promise resolved: it is cut at its next pull', async () => {
    let calls = 0
    const onTimeout: App = (_environ, startResponse) => {
      calls++
      startResponse('504 Gateway Timeout', [])
      return []
    }
    const app: App = lint(async (_environ, startResponse) => {
      startResponse('200 OK', [])
      return [text('one'), text('two')].values()
    })
    const res = await stream(timeout(app, 50, { onTimeout }), 'GET /')
    const chunks = res.chunks[Symbol.asyncIterator]()
    await chunks.next()
    await vi.advanceTimersByTimeAsync(50)
    await expect(chunks.next()).rejects.toMatchObject({ status: 503 })
    expect(calls).toBe(0)
    expect(res.errors).toContain('ServiceUnavailable')
    expect(res.errors).not.toContain('LintError')
  })
})

describe('timeout(app, ms): mistakes', () => {
  const app: App = () => []
  it.each([0, -1, 1.5, 2 ** 31, '100', Number.NaN])('throws a RangeError for ms = %o', (ms) => {
    expect(() => timeout(app, ms as never)).toThrow(RangeError)
  })
  it('names a bad app or onTimeout', () => {
    expect(() => timeout(null as never, 10)).toThrow('timeout(): app must be a function, got null')
    expect(() => timeout(app, 10, { onTimeout: 'x' as never })).toThrow(
      'timeout(): options.onTimeout must be an app, got "x"',
    )
  })
})
