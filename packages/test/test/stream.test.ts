import type { App, Environ } from '@tsgi/core'
import { stream } from '@tsgi/test'
import { describe, expect, it } from 'vitest'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const text = (chunk: Uint8Array): string => new TextDecoder().decode(chunk)

/** A gate a test opens by hand, so the body waits where the test wants it to. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void
  const wait = new Promise<void>((resolve) => (open = resolve))
  return { wait, open }
}

/**
 * An app whose async body sends "first", then waits for the gate before sending "second"; it logs
 * what the server does with it and keeps its environ for the test to look at.
 */
function slowApp(log: string[], second: { wait: Promise<void> }, seen: { environ?: Environ }): App {
  return (environ, startResponse) => {
    seen.environ = environ
    startResponse('200 OK', [['content-type', 'text/plain']])
    let step = 0
    return {
      [Symbol.asyncIterator]: () => ({
        async next() {
          step++
          log.push(`next ${step}`)
          if (step === 1) return { done: false, value: bytes('first') }
          if (step === 2) {
            await second.wait
            log.push('settled')
            return { done: false, value: bytes('second') }
          }
          return { done: true, value: undefined }
        },
        async return() {
          log.push('return')
          return { done: true, value: undefined }
        },
      }),
      close: () => void log.push('close'),
    }
  }
}

describe('stream()', () => {
  it('resolves once the headers are committed, before the body has finished', async () => {
    const log: string[] = []
    const second = gate()
    const response = await stream(slowApp(log, second, {}), 'GET /events')
    expect(response.status).toBe(200)
    expect(response.header('content-type')).toBe('text/plain')
    expect(log).toEqual(['next 1'])
    const iterator = response.chunks[Symbol.asyncIterator]()
    expect(text((await iterator.next()).value)).toBe('first')
    const pending = iterator.next()
    second.open()
    expect(text((await pending).value)).toBe('second')
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
    expect(log).toEqual(['next 1', 'next 2', 'settled', 'next 3', 'close'])
  })

  it('on abort() during a pending read: aborts, closes at once, and calls return() when the read settles', async () => {
    const log: string[] = []
    const second = gate()
    const seen: { environ?: Environ } = {}
    const response = await stream(slowApp(log, second, seen), 'GET /events')
    const signal = seen.environ!['tsgi.abort'].signal
    const iterator = response.chunks[Symbol.asyncIterator]()
    await iterator.next()
    const pending = iterator.next()
    await Promise.resolve()
    response.abort()
    expect(seen.environ!['tsgi.abort'].aborted).toBe(true)
    expect(signal.aborted).toBe(true)
    expect(log).toEqual(['next 1', 'next 2', 'close'])
    expect(await pending).toEqual({ done: true, value: undefined })
    second.open()
    await second.wait
    await new Promise((resolve) => setImmediate(resolve))
    expect(log).toEqual(['next 1', 'next 2', 'close', 'settled', 'return'])
  })

  it('treats leaving the chunks loop early as the client going away: return() then close()', async () => {
    const log: string[] = []
    const seen: { environ?: Environ } = {}
    const response = await stream(slowApp(log, gate(), seen), 'GET /events')
    for await (const chunk of response.chunks) {
      expect(text(chunk)).toBe('first')
      break
    }
    expect(seen.environ!['tsgi.abort'].aborted).toBe(true)
    expect(log).toEqual(['next 1', 'return', 'close'])
  })

  it('leaves tsgi.abort alone when the body is read to the end', async () => {
    const seen: { environ?: Environ } = {}
    const second = gate()
    second.open()
    const response = await stream(slowApp([], second, seen), 'GET /')
    const chunks: string[] = []
    for await (const chunk of response.chunks) chunks.push(text(chunk))
    expect(chunks).toEqual(['first', 'second'])
    response.abort()
    expect(seen.environ!['tsgi.abort'].aborted).toBe(false)
  })

  it('rejects the pending read with an error from the body after the headers went out', async () => {
    const boom = new Error('boom')
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return {
        async *[Symbol.asyncIterator]() {
          yield bytes('first')
          throw boom
        },
      }
    }
    const response = await stream(app, '/')
    const iterator = response.chunks[Symbol.asyncIterator]()
    await iterator.next()
    await expect(iterator.next()).rejects.toBe(boom)
  })

  it('resolves to the 400 a server sends for a path it rejects', async () => {
    const response = await stream(() => [], 'GET /%ff')
    expect(response.status).toBe(400)
    const chunks: string[] = []
    for await (const chunk of response.chunks) chunks.push(text(chunk))
    expect(chunks.join('')).toMatch(/UTF-8/)
  })
})
