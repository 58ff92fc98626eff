import type { App, Body, StartResponse } from '@tsgi/core'
import { lint } from '@tsgi/lint'
import { describe, expect, it } from 'vitest'
import { answer, bytes, environ, expectLint, serve } from './harness.js'

const TEXT = [['content-type', 'text/plain']] as const

function returning(body: unknown): App {
  return (_environ, startResponse) => {
    startResponse('200 OK', TEXT)
    return body as Body
  }
}

describe('lint(): the body the app returns', () => {
  it('keeps a sync body sync and an array an array', () => {
    const sync = lint(
      returning({
        *[Symbol.iterator]() {
          yield bytes('a')
        },
      }),
    )(environ(), () => {})
    expect(typeof (sync as Iterable<Uint8Array>)[Symbol.iterator]).toBe('function')
    expect(Symbol.asyncIterator in (sync as object)).toBe(false)
    const array = lint(answer('200 OK'))(environ(), () => {})
    expect(Array.isArray(array)).toBe(true)
  })

  it('keeps an async app async and passes a good async body', async () => {
    const app: App = async (_environ, startResponse) => {
      startResponse('200 OK', [
        ['content-type', 'text/plain'],
        ['content-length', '5'],
      ])
      return {
        async *[Symbol.asyncIterator]() {
          yield bytes('he')
          yield bytes('llo')
        },
      }
    }
    expect(lint(app)(environ(), () => {})).toBeInstanceOf(Promise)
    expect(await serve(lint(app))).toEqual({ status: '200 OK', body: 'hello' })
  })

  const bad: Array<[string, unknown, string, RegExp]> = [
    ['undefined', undefined, '5.2', /must return a body/],
    ['a string', 'hello', '5.1', /not a string/],
    ['a bare Uint8Array', bytes('hello'), '5.1', /bare Uint8Array/],
    ['an object that is not iterable', { close() {} }, '5.2', /sync or async iterable/],
    ['a body whose close is not a function', Object.assign([], { close: 'yes' }), '5.4', /close must be a function/],
    ['a string chunk in an array', ['hello'], '5.1', /chunks must be Uint8Array/],
    [
      'a number chunk in a generator',
      (function* () {
        yield 1
      })(),
      '5.1',
      /chunks must be Uint8Array/,
    ],
  ]
  it.each(bad)('rejects %s as a body', async (_name, body, section, rule) => {
    await expectLint(() => serve(lint(returning(body))), section, rule)
  })

  it('stops the app’s iterator when a chunk is bad, since the server will only close()', async () => {
    const log: string[] = []
    const app = returning({
      *[Symbol.iterator]() {
        try {
          yield 'text'
        } finally {
          log.push('finally')
        }
      },
    })
    await expectLint(() => serve(lint(app)), '5.1', /chunks must be Uint8Array/)
    expect(log).toEqual(['finally'])
  })

  it('rejects a non-empty chunk before startResponse (spec §4.6)', async () => {
    const app: App = () => [bytes('early')]
    await expectLint(() => serve(lint(app)), '4.6', /before the first non-empty chunk/)
  })

  it('closes an array body itself when it breaks a rule, since the server gets no body to close', async () => {
    let closed = 0
    const app: App = () => Object.assign([bytes('early')], { close: () => void closed++ })
    await expectLint(() => serve(lint(app)), '4.6', /before the first non-empty chunk/)
    expect(closed).toBe(1)
  })

  it('accepts empty chunks before startResponse', async () => {
    const app: App = (_environ, startResponse: StartResponse) => ({
      *[Symbol.iterator]() {
        yield new Uint8Array(0)
        startResponse('200 OK', TEXT)
        yield bytes('late')
      },
    })
    expect((await serve(lint(app))).body).toBe('late')
  })

  it('rejects a body that ends before startResponse was called (spec §4.6)', async () => {
    const app: App = () => ({ *[Symbol.iterator]() {} })
    await expectLint(() => serve(lint(app)), '4.6', /before the body ends/)
  })

  it.each([
    ['204 No Content', []],
    ['304 Not Modified', [['etag', '"v1"']]],
  ])('rejects body bytes on a %s (spec §5.6)', async (status, headers) => {
    await expectLint(() => serve(lint(answer(status, headers, [bytes('x')]))), '5.6', /must not have a body/)
  })

  it('rejects a body longer than its Content-Length as the chunk arrives (spec §5.5)', async () => {
    const app = answer('200 OK', [['content-length', '2']], [bytes('abc')])
    const error = await expectLint(() => serve(lint(app)), '5.5', /more bytes than its Content-Length \(2\)/)
    expect(error.message).toMatch(/got 3$/)
  })

  it('rejects a body shorter than its Content-Length at its end (spec §5.5)', async () => {
    const app = lint((_environ, startResponse) => {
      startResponse('200 OK', [['content-length', '10']])
      return (function* () {
        yield bytes('abc')
      })()
    })
    await expectLint(() => serve(app), '5.5', /exactly its Content-Length \(10\)/)
  })

  it('does not count the bytes of a HEAD response, which the server drops', async () => {
    const app = answer('200 OK', [['content-length', '100']], [bytes('short')])
    expect((await serve(lint(app), environ({ REQUEST_METHOD: 'HEAD' }))).status).toBe('200 OK')
  })

  it('rejects a next() that does not return an iterator result (spec §5.2)', async () => {
    const app = returning({ [Symbol.iterator]: () => ({ next: () => 42 }) })
    await expectLint(() => serve(lint(app)), '5.2', /iterator result/)
  })
})

describe('lint(): the server’s use of the body', () => {
  function iterable(): App {
    return returning({
      *[Symbol.iterator]() {
        yield bytes('a')
      },
    })
  }

  it('rejects a second iteration (spec §5.3)', () => {
    const body = lint(iterable())(environ(), () => {}) as Iterable<Uint8Array>
    for (const _chunk of body);
    return expectLint(() => body[Symbol.iterator](), '5.3', /at most once/)
  })

  it('rejects a second close() (spec §5.4)', async () => {
    const body = lint(iterable())(environ(), () => {}) as Body
    await body.close?.()
    await expectLint(() => body.close?.(), '5.4', /exactly once/)
  })

  it('rejects a second close() of an array body (spec §5.4)', async () => {
    const body = lint(answer('200 OK'))(environ(), () => {}) as Body
    body.close?.()
    await expectLint(() => body.close?.(), '5.4', /exactly once/)
  })

  it('forwards close() to the app’s body exactly once', async () => {
    let closed = 0
    const body = lint(returning(Object.assign([bytes('a')], { close: () => void closed++ })))(environ(), () => {})
    await (body as Body).close?.()
    expect(closed).toBe(1)
  })

  it('rejects next() after close() (spec §5.4)', async () => {
    let release: ((result: IteratorResult<Uint8Array>) => void) | undefined
    const body = lint(
      returning({
        [Symbol.asyncIterator]: () => ({
          next: () => new Promise<IteratorResult<Uint8Array>>((resolve) => (release = resolve)),
        }),
      }),
    )(environ(), () => {}) as AsyncIterable<Uint8Array> & Body
    const iterator = body[Symbol.asyncIterator]()
    const pending = iterator.next()
    // The client left while next() was pending: close() first is right here (spec §5.4.7).
    await body.close?.()
    release?.({ done: true, value: undefined })
    await pending.catch(() => {})
    await expectLint(() => iterator.next(), '5.4', /next\(\) after close\(\)/)
  })

  it.each([
    ['after return()', (iterator: Iterator<Uint8Array>) => iterator.return?.()],
    ['after the iterator reported done', (iterator: Iterator<Uint8Array>) => iterator.next()],
  ])('rejects next() %s (spec §5.3)', async (what, end) => {
    const app = lint((_environ, startResponse) => {
      startResponse('200 OK', TEXT)
      return (function* () {
        yield bytes('ok')
      })()
    })
    const body = (await app(environ(), () => {})) as Iterable<Uint8Array>
    const iterator = body[Symbol.iterator]()
    iterator.next()
    end(iterator)
    await expectLint(() => iterator.next(), '5.3', new RegExp(`next\\(\\) ${what.replace(/[()]/g, '\\$&')}`))
  })

  it('rejects iterating after close() (spec §5.4)', async () => {
    const body = lint(iterable())(environ(), () => {}) as Iterable<Uint8Array> & Body
    await body.close?.()
    await expectLint(() => body[Symbol.iterator](), '5.4', /iterate a body after close\(\)/)
  })
})
