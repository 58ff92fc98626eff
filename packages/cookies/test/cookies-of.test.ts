import { cookiesOf } from '@tsgi/cookies'
import type { App } from '@tsgi/core'
import { createEnviron, request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'

describe('cookiesOf', () => {
  it('parses the Cookie header into a record without a prototype, decoding values', () => {
    const environ = createEnviron({ headers: { cookie: 'a=1; b=hello%20world; __proto__=x; constructor=y' } })
    const cookies = cookiesOf(environ)
    expect(Object.getPrototypeOf(Object.getPrototypeOf(cookies))).toBe(null)
    expect(Object.entries(cookies)).toEqual([
      ['a', '1'],
      ['b', 'hello world'],
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ])
    expect(cookies.toString).toBeUndefined()
  })

  it('keeps the first of two cookies of the same name and a value that is not percent-encoding as sent', () => {
    const cookies = cookiesOf(createEnviron({ headers: { cookie: 'id=first; id=second; bad=%E0%A4%A' } }))
    expect(cookies.id).toBe('first')
    expect(cookies.bad).toBe('%E0%A4%A')
  })

  it('parses once per environ and gives an empty record without a Cookie header', () => {
    const environ = createEnviron({ headers: { cookie: 'a=1' } })
    expect(cookiesOf(environ)).toBe(cookiesOf(environ))
    expect(Object.keys(cookiesOf(createEnviron()))).toEqual([])
  })

  it('reads the cookies of a request in an app', async () => {
    const app: App = (environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return [new TextEncoder().encode(cookiesOf(environ).theme ?? 'none')]
    }
    expect((await request(app, '/', { headers: { cookie: 'theme=dark' } })).text()).toBe('dark')
  })

  it('rejects a value that is not an environ', () => {
    expect(() => cookiesOf(null as never)).toThrow(/cookiesOf\(\): environ must be an object, got null/)
  })
})
