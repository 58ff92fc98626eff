import type { App, Body } from '@tsgi/core'
import { lint } from '@tsgi/lint'
import { describe, expect, it } from 'vitest'
import { answer, serve } from './harness.js'

describe('lint on both sides of a middleware that hands an array body on', () => {
  it('does not count reading body[Symbol.iterator] as iterating the body', async () => {
    const inner = lint(answer('200 OK'))
    // A middleware that looks at the body's shape and passes it on untouched.
    const passThrough: App = (environ, startResponse) => {
      const body = inner(environ, startResponse) as Body
      if (typeof (body as Iterable<Uint8Array>)[Symbol.iterator] !== 'function') throw new TypeError('not iterable')
      return body
    }
    expect(await serve(lint(passThrough))).toEqual({ status: '200 OK', body: 'ok' })
  })
})
