import { abortSignal, createAbort } from '@tsgi/core'
import { describe, expect, it } from 'vitest'

describe('createAbort()', () => {
  it('starts not aborted', () => {
    const { state } = createAbort()
    expect(state.aborted).toBe(false)
    expect(state.signal.aborted).toBe(false)
  })

  it('aborts a signal that was already read, with an AbortError by default', () => {
    const handle = createAbort()
    const signal = handle.state.signal
    let events = 0
    signal.addEventListener('abort', () => events++)
    handle.abort()
    expect(handle.state.aborted).toBe(true)
    expect(signal.aborted).toBe(true)
    expect((signal.reason as DOMException).name).toBe('AbortError')
    expect(events).toBe(1)
  })

  it('gives an already-aborted signal when aborted before the signal was read', () => {
    const handle = createAbort()
    const reason = new Error('gone')
    handle.abort(reason)
    expect(handle.state.aborted).toBe(true)
    const signal = handle.state.signal
    expect(signal.aborted).toBe(true)
    expect(signal.reason).toBe(reason)
  })

  it('returns the same signal on every read', () => {
    const { state } = createAbort()
    expect(state.signal).toBe(state.signal)
  })

  it('is idempotent: a second abort changes neither the state nor the reason', () => {
    const handle = createAbort()
    const signal = handle.state.signal
    let events = 0
    signal.addEventListener('abort', () => events++)
    handle.abort('first')
    handle.abort('second')
    expect(signal.reason).toBe('first')
    expect(events).toBe(1)
    expect(handle.state.aborted).toBe(true)
  })

  it('keeps its state read-only for the app', () => {
    const { state } = createAbort()
    expect(() => {
      ;(state as { aborted: boolean }).aborted = true
    }).toThrow(TypeError)
    expect(state.aborted).toBe(false)
  })
})

describe('abortSignal(environ)', () => {
  it("returns the signal of environ['tsgi.abort']", () => {
    const handle = createAbort()
    const signal = abortSignal({ 'tsgi.abort': handle.state })
    expect(signal).toBe(handle.state.signal)
    handle.abort()
    expect(signal.aborted).toBe(true)
  })

  it('throws a TypeError naming tsgi.abort and what it got', () => {
    expect(() => abortSignal({} as never)).toThrow(
      new TypeError(`abortSignal(): environ['tsgi.abort'] must be an abort object, got undefined`),
    )
    expect(() => abortSignal({ 'tsgi.abort': true } as never)).toThrow(/got true/)
    expect(() => abortSignal(null as never)).toThrow(
      new TypeError('abortSignal(): environ must be an environ object, got null'),
    )
  })
})
