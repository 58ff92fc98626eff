import { LintError } from '@tsgi/lint'
import { describe, expect, it } from 'vitest'

describe('LintError', () => {
  it('is an Error named LintError that carries its rule and section', () => {
    const error = new LintError('status must be 3 digits, a space and a reason', '4.1', '200')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('LintError')
    expect(error.rule).toBe('status must be 3 digits, a space and a reason')
    expect(error.section).toBe('4.1')
    expect(error.message).toBe('lint: status must be 3 digits, a space and a reason (spec §4.1); got "200"')
  })

  it('leaves out "got" when nothing was received, and describes objects by kind', () => {
    expect(new LintError('startResponse must be called before the body ends', '4.6').message).toBe(
      'lint: startResponse must be called before the body ends (spec §4.6)',
    )
    expect(new LintError('x', '5.1', undefined).message).toBe('lint: x (spec §5.1); got undefined')
    expect(new LintError('x', '5.1', new Uint8Array(3)).message).toBe(
      'lint: x (spec §5.1); got a Uint8Array of 3 bytes',
    )
    expect(new LintError('x', '2.1', new Map()).message).toBe('lint: x (spec §2.1); got an instance of Map')
  })
})
