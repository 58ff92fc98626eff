import type { App, Body, Environ, StartResponse } from '@tsgi/core'
import { lint } from '@tsgi/lint'
import { describe, expect, it } from 'vitest'
import { bytes, environ, expectLint, serve } from './harness.js'

// What lint catches of a server, or of a middleware acting as one toward the app it wraps
// (spec §1.3.1): each rule with a server that breaks it and one that keeps it.

const TEXT = [['content-type', 'text/plain']] as const

/** An app whose async body's next() stays pending until the test releases it. */
function pendingBody(): { app: App; release: () => void } {
  let release: () => void = () => {}
  const app: App = (_environ, startResponse) => {
    startResponse('200 OK', TEXT)
    return {
      [Symbol.asyncIterator]: () => ({
        next: () =>
          new Promise<IteratorResult<Uint8Array>>((resolve) => {
            release = () => resolve({ done: false, value: bytes('x') })
          }),
        return: async () => ({ done: true as const, value: undefined }),
      }),
    }
  }
  return { app, release: () => release() }
}

function generatorApp(chunks: string[] = ['a', 'b']): App {
  return (_environ, startResponse) => {
    startResponse('200 OK', TEXT)
    return (function* () {
      for (const chunk of chunks) yield bytes(chunk)
    })()
  }
}

describe('lint(): what a server does with the body', () => {
  it('rejects overlapping pulls of an async body; one next() at a time passes (spec §5.2)', async () => {
    const { app, release } = pendingBody()
    const body = lint(app)(environ(), () => {}) as AsyncIterable<Uint8Array>
    const iterator = body[Symbol.asyncIterator]()
    const first = iterator.next()
    await expectLint(() => iterator.next(), '5.2', /while a next\(\) is pending/)
    release()
    await expect(first).resolves.toEqual({ done: false, value: bytes('x') })
    const good = pendingBody()
    const again = (lint(good.app)(environ(), () => {}) as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]()
    const one = again.next()
    good.release()
    await one
    const two = again.next()
    good.release()
    await expect(two).resolves.toEqual({ done: false, value: bytes('x') })
  })

  it('rejects a pull after next() threw (spec §5.3.2)', async () => {
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', TEXT)
      return (function* () {
        yield bytes('a')
        throw new Error('boom')
      })()
    }
    const iterator = (lint(app)(environ(), () => {}) as Iterable<Uint8Array>)[Symbol.iterator]()
    iterator.next()
    expect(() => iterator.next()).toThrow('boom')
    await expectLint(() => iterator.next(), '5.3', /after next\(\) threw/)
  })

  it('rejects return() after the iterator reported done; close() alone passes (spec §5.4.2)', async () => {
    const body = lint(generatorApp(['a']))(environ(), () => {}) as Iterable<Uint8Array> & Body
    const iterator = body[Symbol.iterator]()
    iterator.next()
    iterator.next()
    await expectLint(() => iterator.return?.(), '5.4', /return\(\) after the iterator reported done/)
    const good = lint(generatorApp(['a']))(environ(), () => {}) as Iterable<Uint8Array> & Body
    const it2 = good[Symbol.iterator]()
    it2.next()
    it2.next()
    expect(() => good.close?.()).not.toThrow()
  })

  it('rejects close() before return() on an early stop with no next() pending (spec §5.4.3)', async () => {
    const body = lint(generatorApp())(environ(), () => {}) as Iterable<Uint8Array> & Body
    const iterator = body[Symbol.iterator]()
    iterator.next()
    await expectLint(() => body.close?.(), '5.4', /return\(\) before close\(\)/)
    const good = lint(generatorApp())(environ(), () => {}) as Iterable<Uint8Array> & Body
    const it2 = good[Symbol.iterator]()
    it2.next()
    it2.return?.()
    expect(() => good.close?.()).not.toThrow()
  })

  it('rejects a second iteration (a copy by spread) of an array body; an indexed loop passes (spec §5.3)', async () => {
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', TEXT)
      return [bytes('a'), bytes('b')]
    }
    const body = lint(app)(environ(), () => {}) as Uint8Array[] & Body
    expect(Array.isArray(body)).toBe(true)
    expect([...body]).toHaveLength(2)
    await expectLint(() => [...body], '5.3', /at most once/)
    const indexed = lint(app)(environ(), () => {}) as Uint8Array[] & Body
    let total = 0
    for (let index = 0; index < indexed.length; index++) total += (indexed[index] as Uint8Array).length
    for (let index = 0; index < indexed.length; index++) expect(indexed[index]).toBeInstanceOf(Uint8Array)
    expect(total).toBe(2)
    await indexed.close?.()
    await expectLint(() => indexed[0], '5.4', /read a body after close\(\)/)
  })

  it('rejects a server that throws its own error in place of excInfo after the commit (spec §4.5.4)', async () => {
    const excInfo = new Error('the app failed')
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', TEXT)
      return (function* () {
        yield bytes('a')
        startResponse('500 Internal Server Error', TEXT, excInfo)
      })()
    }
    const own: StartResponse = (_status, _headers, info) => {
      if (info !== undefined) throw new Error('a server error of its own')
    }
    const body = lint(app)(environ(), own) as Iterable<Uint8Array>
    const iterator = body[Symbol.iterator]()
    iterator.next()
    await expectLint(() => iterator.next(), '4.5', /rethrow excInfo itself/)
    const right: StartResponse = (_status, _headers, info) => {
      if (info !== undefined) throw info
    }
    const good = (lint(app)(environ(), right) as Iterable<Uint8Array>)[Symbol.iterator]()
    good.next()
    expect(() => good.next()).toThrow(excInfo)
  })

  it('rejects a server that builds a bad environ (spec §2)', async () => {
    await expectLint(() => lint(generatorApp())(environ({ SERVER_PORT: 80 }), () => {}), '2.2', /SERVER_PORT/)
    expect(() => lint(generatorApp())(environ(), () => {})).not.toThrow()
  })
})

describe('lint(): middleware between two lint layers (spec §7.1)', () => {
  /** A middleware that returns its own body and never closes the inner one. */
  const leaky =
    (app: App): App =>
    (environ, startResponse) => {
      const inner = app(environ, startResponse) as Iterable<Uint8Array>
      return (function* () {
        yield* inner
      })()
    }
  /** The same, closing the inner body when its own is closed. */
  const closing =
    (app: App): App =>
    (environ, startResponse) => {
      const inner = app(environ, startResponse) as Iterable<Uint8Array> & Body
      const own = (function* () {
        yield* inner
      })()
      return Object.assign(own, { close: () => inner.close?.() })
    }
  /** A middleware that reads the whole inner body before it returns. */
  const eager =
    (app: App): App =>
    (environ, startResponse) => {
      const inner = app(environ, startResponse) as Iterable<Uint8Array> & Body
      const chunks = [...inner]
      inner.close?.()
      return chunks
    }

  it('rejects a middleware that never closes the body it wrapped; one that closes it passes', async () => {
    await expectLint(() => serve(lint(leaky(lint(generatorApp())))), '7.1', /close the body of the app it wraps/)
    await expect(serve(lint(closing(lint(generatorApp()))))).resolves.toEqual({ status: '200 OK', body: 'ab' })
  })

  it('rejects a middleware that consumes the inner body before it returns; streaming passes', async () => {
    await expectLint(() => serve(lint(eager(lint(generatorApp())))), '7.1', /before it returns its own result/)
    await expect(serve(lint(closing(lint(generatorApp()))))).resolves.toEqual({ status: '200 OK', body: 'ab' })
  })
})

describe('lint(): valid apps it must not reject', () => {
  it('accepts excInfo that is an Error from another realm (spec §4.5.2)', async () => {
    const { runInNewContext } = await import('node:vm')
    const foreign = runInNewContext('new Error("from another realm")') as unknown
    expect(foreign instanceof Error).toBe(false)
    const app: App = (_environ, startResponse) => {
      startResponse('500 Internal Server Error', TEXT, foreign)
      return [bytes('x')]
    }
    await expect(serve(lint(app))).resolves.toEqual({ status: '500 Internal Server Error', body: 'x' })
  })

  it('follows a function with a then as a promise of the body (spec §1.2.2)', async () => {
    const thenable = Object.assign(() => {}, {
      // biome-ignore lint/suspicious/noThenProperty: a function thenable is what is tested
      then(resolve: (body: Body) => void) {
        resolve([bytes('from a function')])
      },
    })
    const app = ((_environ: Environ, startResponse: StartResponse) => {
      startResponse('200 OK', TEXT)
      return thenable
    }) as unknown as App
    await expect(serve(lint(app))).resolves.toEqual({ status: '200 OK', body: 'from a function' })
  })
})

describe('lint(): a middleware yields once per inner chunk (spec §7.2.1)', () => {
  const inner = (): App => (_environ, startResponse) => {
    startResponse('200 OK', [['content-type', 'text/plain']])
    return (function* () {
      yield bytes('a')
      yield bytes('b')
      yield bytes('c')
    })()
  }
  /** Pulls two inner chunks per chunk it yields. */
  const pairs =
    (app: App): App =>
    (environ, startResponse) => {
      const body = app(environ, startResponse) as Iterable<Uint8Array> & Body
      const iterator = body[Symbol.iterator]()
      const own = (function* () {
        for (;;) {
          const first = iterator.next()
          if (first.done) return
          const second = iterator.next()
          yield second.done ? first.value : new Uint8Array([...first.value, ...second.value])
          if (second.done) return
        }
      })()
      return Object.assign(own, { close: () => body.close?.() })
    }
  /** Yields each inner chunk as it comes. */
  const each =
    (app: App): App =>
    (environ, startResponse) => {
      const body = app(environ, startResponse) as Iterable<Uint8Array> & Body
      const own = (function* () {
        yield* body
      })()
      return Object.assign(own, { close: () => body.close?.() })
    }

  it('rejects two inner pulls for one chunk out; one per chunk passes', async () => {
    await expectLint(() => serve(lint(pairs(lint(inner())))), '7.2', /yield at least once per chunk/)
    await expect(serve(lint(each(lint(inner()))))).resolves.toEqual({ status: '200 OK', body: 'abc' })
  })
})
