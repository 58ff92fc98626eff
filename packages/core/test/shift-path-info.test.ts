import { readFileSync } from 'node:fs'
import { shiftPathInfo } from '@tsgi/core'
import { describe, expect, it } from 'vitest'

interface Paths {
  SCRIPT_NAME: string
  PATH_INFO: string
}
interface ShiftCase {
  before: Paths
  name: string | null
  after: Paths
}

// Expected values from Python's wsgiref.util.shift_path_info (fixtures/gen-shift.py).
const fixture = JSON.parse(readFileSync(new URL('./fixtures/shift.json', import.meta.url), 'utf8')) as {
  cases: ShiftCase[]
}

describe('shiftPathInfo(environ)', () => {
  it('has a fixture to compare with', () => {
    expect(fixture.cases.length).toBeGreaterThan(50)
  })

  it.each(fixture.cases.map((c) => [c.before.SCRIPT_NAME, c.before.PATH_INFO, c] as const))(
    'moves a segment as wsgiref does for SCRIPT_NAME %j, PATH_INFO %j',
    (_script, _path, { before, name, after }) => {
      const environ = { ...before, other: 'kept' }
      const result = shiftPathInfo(environ)
      expect(result.name).toBe(name ?? undefined)
      expect({ SCRIPT_NAME: result.environ.SCRIPT_NAME, PATH_INFO: result.environ.PATH_INFO }).toEqual(after)
      expect(result.environ.other).toBe('kept')
      // The environ passed in is left as it was (spec §7.4).
      expect(environ).toEqual({ ...before, other: 'kept' })
    },
  )

  it('returns a new environ object when it moved something', () => {
    const environ = { SCRIPT_NAME: '', PATH_INFO: '/a/b', QUERY_STRING: 'x=1' }
    const { environ: shifted } = shiftPathInfo(environ)
    expect(shifted).not.toBe(environ)
    expect(shifted).toEqual({ SCRIPT_NAME: '/a', PATH_INFO: '/b', QUERY_STRING: 'x=1' })
  })

  it('returns the same environ and no name for an empty PATH_INFO', () => {
    const environ = { SCRIPT_NAME: '/app', PATH_INFO: '' }
    const result = shiftPathInfo(environ)
    expect(result.name).toBeUndefined()
    expect(result.environ).toBe(environ)
  })

  it('shifts repeatedly down to the end', () => {
    let environ = { SCRIPT_NAME: '', PATH_INFO: '/a/b/' }
    const names: (string | undefined)[] = []
    for (let step = 0; step < 4; step++) {
      const result = shiftPathInfo(environ)
      names.push(result.name)
      environ = result.environ
    }
    expect(names).toEqual(['a', 'b', '', undefined])
    expect(environ).toEqual({ SCRIPT_NAME: '/a/b/', PATH_INFO: '' })
  })

  it('has nothing to shift from a PATH_INFO without a leading slash, such as the asterisk form', () => {
    // wsgiref raises IndexError for '*' and moves the last segment of 'a/b'; neither is a path here.
    for (const path of ['*', 'a', 'a/b']) {
      const environ = { SCRIPT_NAME: '/app', PATH_INFO: path }
      const result = shiftPathInfo(environ)
      expect(result.name).toBeUndefined()
      expect(result.environ).toBe(environ)
    }
  })

  it('throws a TypeError naming environ and what it got', () => {
    expect(() => shiftPathInfo(null as never)).toThrow(
      new TypeError('shiftPathInfo(): environ must be an environ with string SCRIPT_NAME and PATH_INFO, got null'),
    )
    expect(() => shiftPathInfo('/a' as never)).toThrow(/got "\/a"/)
    expect(() => shiftPathInfo({ SCRIPT_NAME: '' } as never)).toThrow(/string SCRIPT_NAME and PATH_INFO, got an object/)
    expect(() => shiftPathInfo({ PATH_INFO: '/a' } as never)).toThrow(TypeError)
    expect(() => shiftPathInfo({ SCRIPT_NAME: 1, PATH_INFO: '/a' } as never)).toThrow(TypeError)
  })
})
