import {
  type App,
  type Body,
  type BodyOutcome,
  type Chunk,
  type Environ,
  transform,
  transformBody,
  whenBody,
} from '@tsgi/core'
import { describe, expect, it } from 'vitest'

const encoder = new TextEncoder()
const bytes = (text: string): Chunk => encoder.encode(text)
const environ = {} as Environ

/** A sync body that records every protocol call, in order. */
function recordingBody(chunks: string[], log: string[], failAt?: number): Body {
  return {
    [Symbol.iterator]() {
      let index = 0
      log.push('iterate')
      return {
        next() {
          if (index === failAt) throw new Error('boom')
          log.push(`next ${index}`)
          return index < chunks.length
            ? { done: false, value: bytes(chunks[index++]!) }
            : { done: true, value: undefined }
        },
        return() {
          log.push('return')
          return { done: true, value: undefined }
        },
      }
    },
    close() {
      log.push('close')
    },
  }
}

function run(app: App): { status: string[]; headers: unknown[]; body: Body } {
  const status: string[] = []
  const headers: unknown[] = []
  const body = app(environ, (line, list) => {
    status.push(line)
    headers.push(list)
  }) as Body
  return { status, headers, body }
}

describe('transform(app, hooks)', () => {
  it('keeps an array body an array when only start is given', () => {
    const inner: App = (_e, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return [bytes('a')]
    }
    const { status, headers, body } = run(
      transform(inner, { start: (s, h) => [s.replace('200 OK', '201 Created'), h] }),
    )
    expect(Array.isArray(body)).toBe(true)
    expect(status).toEqual(['201 Created'])
    expect(headers).toEqual([[['content-type', 'text/plain']]])
  })

  it('keeps a sync body sync and maps each chunk, dropping content-length', () => {
    const log: string[] = []
    const inner: App = (_e, startResponse) => {
      startResponse('200 OK', [
        ['Content-Length', '2'],
        ['x', 'y'],
      ])
      return recordingBody(['a', 'b'], log)
    }
    const app = transform(inner, {
      chunk: (c) => bytes(new TextDecoder().decode(c).toUpperCase()),
      end: () => bytes('!'),
    })
    const { headers, body } = run(app)
    expect(headers).toEqual([[['x', 'y']]])
    expect(typeof (body as Iterable<Chunk>)[Symbol.iterator]).toBe('function')
    expect((body as Partial<AsyncIterable<Chunk>>)[Symbol.asyncIterator]).toBeUndefined()
    const text = [...(body as Iterable<Chunk>)].map((c) => new TextDecoder().decode(c)).join('')
    expect(text).toBe('AB!')
    body.close?.()
    body.close?.()
    expect(log).toEqual(['iterate', 'next 0', 'next 1', 'next 2', 'close'])
  })

  it('on an early stop forwards return() then close(), once each, and reports aborted', () => {
    const log: string[] = []
    const outcomes: BodyOutcome[] = []
    const inner: App = (_e, startResponse) => {
      startResponse('200 OK', [])
      return recordingBody(['a', 'b', 'c'], log)
    }
    const { body } = run(transform(inner, { finally: (outcome) => outcomes.push(outcome) }))
    const iterator = (body as Iterable<Chunk>)[Symbol.iterator]()
    iterator.next()
    iterator.return?.()
    body.close?.()
    body.close?.()
    expect(log).toEqual(['iterate', 'next 0', 'return', 'close'])
    expect(outcomes).toEqual([{ status: 200, error: undefined, aborted: true }])
  })

  it('replaces a failing body with the chunks the error hook returns, after calling startResponse with excInfo', () => {
    const log: string[] = []
    const calls: unknown[][] = []
    const inner: App = (_e, startResponse) => {
      startResponse('200 OK', [])
      return recordingBody(['a', 'b'], log, 1)
    }
    const app = transform(inner, {
      error: (error, _environ, startResponse) => {
        startResponse('500 Internal Server Error', [], error)
        return [bytes('failed')]
      },
    })
    const body = app(environ, (...args) => calls.push(args)) as Iterable<Chunk> & Body
    const text = [...body].map((c) => new TextDecoder().decode(c)).join('')
    body.close?.()
    expect(text).toBe('afailed')
    expect(calls.map((c) => [c[0], c.length])).toEqual([
      ['200 OK', 2],
      ['500 Internal Server Error', 3],
    ])
    expect(log).toEqual(['iterate', 'next 0', 'return', 'close'])
  })

  it('rethrows an error the hook does not replace and reports it once', () => {
    const outcomes: BodyOutcome[] = []
    const inner: App = () => {
      throw new Error('sync')
    }
    expect(() => run(transform(inner, { finally: (o) => outcomes.push(o) }))).toThrow('sync')
    expect(outcomes).toHaveLength(1)
    expect((outcomes[0]!.error as Error).message).toBe('sync')
  })

  it('returns a promise only when the inner app does, and wraps async bodies as async', async () => {
    async function* gen() {
      yield bytes('x')
    }
    const inner: App = async (_e, startResponse) => {
      startResponse('200 OK', [])
      return gen()
    }
    const result = transform(inner, { chunk: (c) => c })(environ, () => {})
    expect(result).toBeInstanceOf(Promise)
    const body = (await result) as AsyncIterable<Chunk> & Body
    const seen: Chunk[] = []
    for await (const chunk of body) seen.push(chunk)
    expect(seen).toHaveLength(1)
  })

  it('refuses a string body with a TypeError naming the rule', () => {
    const inner = (() => 'hello') as unknown as App
    expect(() => run(transform(inner, { chunk: (c) => c }))).toThrow(/iterable of Uint8Array chunks.*got "hello"/)
  })

  it('throws a TypeError at build time for bad arguments', () => {
    expect(() => transform(42 as unknown as App, {})).toThrow(/app must be a function, got 42/)
    expect(() => transform(() => [], { chunk: 1 as never })).toThrow(/hooks.chunk must be a function, got 1/)
  })
})

describe('whenBody(result, fn)', () => {
  it('applies fn synchronously to a body and after resolution to a promise', async () => {
    const body: Body = []
    expect(whenBody(body, (b) => [...(b as Chunk[]), bytes('z')])).toHaveLength(1)
    const later = whenBody(Promise.resolve(body), (b) => b)
    expect(later).toBeInstanceOf(Promise)
    expect(await later).toBe(body)
  })
})

describe('transform(app, hooks) on failures', () => {
  const failing: App = (_e, startResponse) => {
    startResponse('200 OK', [['content-length', '5']])
    return (function* () {
      yield bytes('hello')
    })()
  }

  it('sends the error page through the start hook and drops content-length from it too', () => {
    const calls: unknown[][] = []
    const outcomes: BodyOutcome[] = []
    const app = transform(failing, {
      start: (status, headers) => [status, [...headers, ['x-layer', 'yes']]],
      chunk: () => {
        throw new Error('chunk hook broke')
      },
      error: (error, _environ, startResponse) => {
        startResponse('500 Internal Server Error', [['content-length', '4']], error)
        return [bytes('oops')]
      },
      finally: (outcome) => outcomes.push(outcome),
    })
    const body = app(environ, (...args) => calls.push(args)) as Iterable<Chunk> & Body
    const text = [...body].map((c) => new TextDecoder().decode(c)).join('')
    body.close?.()
    expect(text).toBe('oops')
    expect(calls.map((c) => [c[0], c[1]])).toEqual([
      ['200 OK', [['x-layer', 'yes']]],
      ['500 Internal Server Error', [['x-layer', 'yes']]],
    ])
    expect(outcomes).toEqual([{ status: 500, error: undefined, aborted: false }])
  })

  it('reports an error that escapes the body as the error, not as an abort', () => {
    const outcomes: BodyOutcome[] = []
    const app = transform(failing, {
      chunk: () => {
        throw new Error('escaped')
      },
      finally: (outcome) => outcomes.push(outcome),
    })
    const body = app(environ, () => {}) as Iterable<Chunk> & Body
    expect(() => [...body]).toThrow('escaped')
    body.close?.()
    expect(outcomes).toHaveLength(1)
    expect(outcomes[0]!.aborted).toBe(false)
    expect((outcomes[0]!.error as Error).message).toBe('escaped')
  })

  it('hands a body that is not iterable to the error hook like a throw', () => {
    const inner = ((_e: Environ, startResponse: (s: string, h: []) => void) => {
      startResponse('200 OK', [])
      return 'not a body'
    }) as unknown as App
    const seen: unknown[] = []
    const app = transform(inner, {
      chunk: (c) => c,
      error: (error, _environ, startResponse) => {
        seen.push(error)
        startResponse('500 Internal Server Error', [], error)
        return [bytes('fixed')]
      },
    })
    const body = app(environ, () => {}) as Chunk[]
    expect(body.map((c) => new TextDecoder().decode(c))).toEqual(['fixed'])
    expect(String(seen[0])).toMatch(/TypeError: A body must be an iterable/)
  })
})

describe('transform(app, { start, error })', () => {
  it('passes an array body through untouched, since it cannot fail while iterated', () => {
    const array = [bytes('ok')]
    const inner: App = (_e, startResponse) => {
      startResponse('200 OK', [['content-length', '2']])
      return array
    }
    const app = transform(inner, { error: () => [bytes('never')] })
    expect(app(environ, () => {})).toBe(array)
  })
})

describe('transform(app, { async: true, chunk, end })', () => {
  const later = <T>(value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), 1))
  const upper = (chunk: Chunk): Promise<Chunk> => later(bytes(new TextDecoder().decode(chunk).toUpperCase()))
  const text = async (body: Body): Promise<string> => {
    let out = ''
    for await (const chunk of body as AsyncIterable<Chunk>) out += new TextDecoder().decode(chunk)
    return out
  }

  it('makes a sync body async, awaits each chunk and the end, and closes the inner body once', async () => {
    const log: string[] = []
    const inner: App = (_e, startResponse) => {
      startResponse('200 OK', [['content-length', '2']])
      return recordingBody(['a', 'b'], log)
    }
    const outcomes: BodyOutcome[] = []
    const { headers, body } = run(
      transform(inner, { async: true, chunk: upper, end: () => later(bytes('!')), finally: (o) => outcomes.push(o) }),
    )
    expect(headers).toEqual([[]])
    expect(typeof (body as AsyncIterable<Chunk>)[Symbol.asyncIterator]).toBe('function')
    expect(await text(body)).toBe('AB!')
    body.close?.()
    body.close?.()
    expect(log).toEqual(['iterate', 'next 0', 'next 1', 'next 2', 'close'])
    expect(outcomes).toEqual([{ status: 200, error: undefined, aborted: false }])
  })

  it('maps an array body too, and an async body', async () => {
    const array: App = (_e, startResponse) => {
      startResponse('200 OK', [])
      return [bytes('x'), bytes('y')]
    }
    async function* generate() {
      yield bytes('p')
      yield bytes('q')
    }
    const asyncApp: App = async (_e, startResponse) => {
      startResponse('200 OK', [])
      return generate()
    }
    expect(await text(run(transform(array, { async: true, chunk: upper })).body)).toBe('XY')
    const result = transform(asyncApp, { async: true, chunk: upper })(environ, () => {})
    expect(await text(await result)).toBe('PQ')
  })

  it('pulls the next inner chunk only once the previous chunk has settled', async () => {
    const events: string[] = []
    async function* generate() {
      for (const name of ['a', 'b']) {
        events.push(`pull ${name}`)
        yield bytes(name)
      }
    }
    const inner: App = (_e, startResponse) => {
      startResponse('200 OK', [])
      return generate()
    }
    const app = transform(inner, {
      async: true,
      chunk: async (chunk) => {
        events.push(`start ${new TextDecoder().decode(chunk)}`)
        await later(undefined)
        events.push(`done ${new TextDecoder().decode(chunk)}`)
        return chunk
      },
    })
    await text(run(app).body)
    expect(events).toEqual(['pull a', 'start a', 'done a', 'pull b', 'start b', 'done b'])
  })

  it('treats a rejected chunk promise as a failed body: return() to the inner body, then the error hook', async () => {
    const log: string[] = []
    const inner: App = (_e, startResponse) => {
      startResponse('200 OK', [])
      return recordingBody(['a', 'b', 'c'], log)
    }
    const calls: string[] = []
    const outcomes: BodyOutcome[] = []
    const app = transform(inner, {
      async: true,
      chunk: (chunk) => (new TextDecoder().decode(chunk) === 'b' ? Promise.reject(new Error('hook')) : chunk),
      error: (error, _environ, startResponse) => {
        startResponse('500 Internal Server Error', [], error)
        return [bytes('failed')]
      },
      finally: (o) => outcomes.push(o),
    })
    const body = app(environ, (line) => calls.push(line)) as Body
    expect(await text(body)).toBe('afailed')
    body.close?.()
    expect(log).toEqual(['iterate', 'next 0', 'next 1', 'return', 'close'])
    expect(calls).toEqual(['200 OK', '500 Internal Server Error'])
    expect(outcomes).toEqual([{ status: 500, error: undefined, aborted: false }])
  })

  it('rethrows a rejection no hook replaces and reports it; an early stop forwards return() and close()', async () => {
    const log: string[] = []
    const inner: App = (_e, startResponse) => {
      startResponse('200 OK', [])
      return recordingBody(['a', 'b'], log)
    }
    const outcomes: BodyOutcome[] = []
    const failing = transform(inner, {
      async: true,
      end: () => Promise.reject(new Error('end')),
      finally: (o) => outcomes.push(o),
    })
    const body = run(failing).body
    await expect(text(body)).rejects.toThrow('end')
    body.close?.()
    expect((outcomes[0]!.error as Error).message).toBe('end')

    const stopped = run(transform(inner, { async: true, chunk: upper, finally: (o) => outcomes.push(o) })).body
    const iterator = (stopped as AsyncIterable<Chunk>)[Symbol.asyncIterator]()
    await iterator.next()
    await iterator.return?.()
    stopped.close?.()
    stopped.close?.()
    expect(log.slice(-4)).toEqual(['iterate', 'next 0', 'return', 'close'])
    expect(outcomes[1]).toEqual({ status: 200, error: undefined, aborted: true })
  })

  it('refuses a non-boolean async flag at build time', () => {
    expect(() => transform(() => [], { async: 'yes' as never })).toThrow(/hooks.async must be a boolean, got "yes"/)
  })
})

describe('transformBody(body, hooks, environ)', () => {
  it('maps one body with sync hooks and keeps a sync body sync', () => {
    const log: string[] = []
    const outcomes: BodyOutcome[] = []
    const body = transformBody(
      recordingBody(['a'], log),
      { chunk: (c) => bytes(`<${new TextDecoder().decode(c)}>`), finally: (o) => outcomes.push(o) },
      environ,
    ) as Iterable<Chunk> & Body
    expect([...body].map((c) => new TextDecoder().decode(c))).toEqual(['<a>'])
    body.close?.()
    expect(log).toEqual(['iterate', 'next 0', 'next 1', 'close'])
    expect(outcomes).toEqual([{ status: undefined, error: undefined, aborted: false }])
  })

  it('calls hooks as methods of the hooks object, so a class instance can be the hooks', async () => {
    class Counter {
      readonly async = true
      count = 0
      async chunk(chunk: Chunk): Promise<Chunk> {
        this.count += chunk.length
        return chunk
      }
    }
    const counter = new Counter()
    const body = transformBody([bytes('abc'), bytes('de')], counter, environ)
    for await (const _ of body as AsyncIterable<Chunk>);
    expect(counter.count).toBe(5)
  })

  it('refuses something that is not a body', () => {
    expect(() => transformBody('text' as never, { async: true }, environ)).toThrow(/iterable of Uint8Array.*"text"/)
  })
})
