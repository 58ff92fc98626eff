import type { AbortState } from '@tsgi/core'
import { describe, expect, it } from 'vitest'
import { type Context, encoder } from './context.js'
import { delay, eventually, open, raw } from './raw.js'

const GET = 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'

export function lifecycleTests(ctx: Context): void {
  describe('close() and return() (spec §5.4)', () => {
    it('calls close() once after a body ends normally, and never return()', async () => {
      const calls: string[] = []
      const url = await ctx.serve((_environ, startResponse) => {
        startResponse('200 OK', [])
        const iterator = [encoder.encode('a'), encoder.encode('b')][Symbol.iterator]()
        return {
          [Symbol.iterator]: () => ({
            next: () => iterator.next(),
            return: () => {
              calls.push('return')
              return { done: true, value: undefined }
            },
          }),
          close: () => void calls.push('close'),
        }
      })
      expect(await (await fetch(url)).text()).toBe('ab')
      expect(await eventually(() => calls.length > 0)).toBe(true)
      expect(calls).toEqual(['close'])
    })

    it('calls return() then close() when a bad chunk stops the body', async () => {
      const calls: string[] = []
      const url = await ctx.serve(
        (_environ, startResponse) => {
          startResponse('200 OK', [])
          const body = (function* () {
            try {
              yield encoder.encode('fine')
              yield 'not bytes' as unknown as Uint8Array
              yield encoder.encode('never')
            } finally {
              calls.push('return')
            }
          })()
          return Object.assign(body, { close: () => void calls.push('close') })
        },
        { errors: ctx.errorLog() },
      )
      await raw(url, GET)
      expect(calls).toEqual(['return', 'close'])
    })

    it('logs a rejected close() promise to tsgi.errors', async () => {
      const log = ctx.errorLog()
      const url = await ctx.serve(
        (_environ, startResponse) => {
          startResponse('200 OK', [])
          return Object.assign([encoder.encode('x')], { close: () => Promise.reject(new Error('close failed')) })
        },
        { errors: log },
      )
      expect((await fetch(url)).status).toBe(200)
      expect(await eventually(() => log.text.includes('close failed'))).toBe(true)
    })

    it('on a client that leaves mid-body: aborts, closes at once, returns when the pending next() settles', async () => {
      const calls: string[] = []
      let abort: AbortState | undefined
      let signalAborted = false
      let release: (() => void) | undefined
      const url = await ctx.serve((environ, startResponse) => {
        abort = environ['tsgi.abort']
        abort.signal.addEventListener('abort', () => {
          signalAborted = true
        })
        startResponse('200 OK', [])
        let sent = false
        return {
          [Symbol.asyncIterator]: () => ({
            next: () => {
              calls.push('next')
              if (!sent) {
                sent = true
                return Promise.resolve({ done: false, value: encoder.encode('first') })
              }
              // Hangs until the test releases it, after the client left.
              return new Promise<IteratorResult<Uint8Array>>((resolve) => {
                release = () => resolve({ done: false, value: encoder.encode('late') })
              })
            },
            return: () => {
              calls.push('return')
              return Promise.resolve({ done: true as const, value: undefined })
            },
          }),
          close: () => void calls.push('close'),
        }
      })
      const socket = await open(url)
      socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n')
      await new Promise((resolve) => socket.once('data', resolve))
      expect(await eventually(() => release !== undefined)).toBe(true)
      socket.destroy()
      expect(await eventually(() => calls.includes('close'))).toBe(true)
      expect(abort?.aborted).toBe(true)
      expect(signalAborted).toBe(true)
      expect(calls).not.toContain('return')
      release?.()
      expect(await eventually(() => calls.includes('return'))).toBe(true)
      expect(calls.slice(-2)).toEqual(['close', 'return'])
    })

    it('closes the body of an async app whose client left before it returned', async () => {
      let closed = false
      let resume: (() => void) | undefined
      const url = await ctx.serve(async (_environ, startResponse) => {
        await new Promise<void>((resolve) => {
          resume = resolve
        })
        startResponse('200 OK', [])
        return Object.assign([encoder.encode('x')], { close: () => void (closed = true) })
      })
      const socket = await open(url)
      socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n')
      expect(await eventually(() => resume !== undefined)).toBe(true)
      socket.destroy()
      await delay(50)
      resume?.()
      expect(await eventually(() => closed)).toBe(true)
    })
  })

  describe('backpressure (spec §4.6.4, §5.2.4)', () => {
    it('stops pulling a sync body while the client does not read, and ends it when the client leaves', async () => {
      let pulls = 0
      let closed = false
      const chunk = new Uint8Array(64 * 1024)
      const url = await ctx.serve((_environ, startResponse) => {
        startResponse('200 OK', [])
        const body = (function* () {
          for (;;) {
            pulls++
            yield chunk
          }
        })()
        return Object.assign(body, { close: () => void (closed = true) })
      })
      const socket = await open(url)
      socket.pause()
      socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n')
      // Wait until the server stopped pulling: two looks 100 ms apart see the same count.
      let last = -1
      for (let look = 0; look < 50 && (pulls === 0 || pulls !== last); look++) {
        last = pulls
        await delay(100)
      }
      expect(pulls).toBe(last)
      // Socket buffers on both sides hold a few MiB at most; an unbounded loop would be far past this.
      expect(pulls * chunk.byteLength).toBeLessThan(64 * 1024 * 1024)
      socket.destroy()
      expect(await eventually(() => closed)).toBe(true)
    })
  })
}
