import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { Hello, hello } from '../src/app.js'
import { type HandlerRequest, type HandlerResult, RequestHandler } from '../src/request-handler.js'

describe('Hello', () => {
  it('greets the world without a subject', async () => {
    const response = await request(hello, 'GET /')
    expect(response.status).toBe(200)
    expect(response.header('content-type')).toBe('text/plain; charset=utf-8')
    expect(response.text()).toBe('Hello world')
  })

  it('greets the first ?subject= value', async () => {
    expect((await request(hello, 'GET /?subject=Ada&subject=Grace')).text()).toBe('Hello Ada')
    expect((await request(new Hello().app, 'GET /?subject=caf%C3%A9')).text()).toBe('Hello café')
  })
})

describe('RequestHandler', () => {
  it('answers 405 with Allow for methods other than GET and HEAD, without calling get()', async () => {
    let calls = 0
    class Counting extends RequestHandler {
      override get(): HandlerResult {
        calls++
        return ['x']
      }
    }
    const response = await request(new Counting().app, 'POST /', { body: 'a=1' })
    expect(response.status).toBe(405)
    expect(response.header('allow')).toBe('GET, HEAD')
    expect(calls).toBe(0)
    expect((await request(new Counting().app, 'HEAD /')).body).toHaveLength(0)
    expect(calls).toBe(1)
  })

  it('sends the headers a subclass declares, and encodes strings while passing bytes through', async () => {
    class Page extends RequestHandler {
      override readonly headers = [['content-type', 'text/html; charset=utf-8']] as const
      override get(): HandlerResult {
        return ['<p>', new TextEncoder().encode('bytes'), '</p>']
      }
    }
    const response = await request(new Page().app, 'GET /')
    expect(response.header('content-type')).toBe('text/html; charset=utf-8')
    expect(response.text()).toBe('<p>bytes</p>')
  })

  it("calls the result's close() exactly once, as the tutorial's base class must", async () => {
    let closes = 0
    class Closing extends RequestHandler {
      override get(): HandlerResult {
        return Object.assign(['a', 'b'], { close: () => void closes++ })
      }
    }
    const app = new Closing().app
    await request(app, 'GET /')
    expect(closes).toBe(1)
    await request(app, 'HEAD /') // stopped early: still closed once
    expect(closes).toBe(2)
  })

  it('keeps interleaved requests apart: get() sees its own arguments, not the last ones', async () => {
    const seen: string[] = []
    class Slow extends RequestHandler {
      override get({ args }: HandlerRequest): HandlerResult {
        const name = args.name?.[0] ?? '?'
        return {
          *[Symbol.iterator]() {
            seen.push(name)
            yield name
          },
        }
      }
    }
    const app = new Slow().app
    const [first, second] = await Promise.all([request(app, 'GET /?name=one'), request(app, 'GET /?name=two')])
    expect([first.text(), second.text()]).toEqual(['one', 'two'])
    expect(seen.sort()).toEqual(['one', 'two'])
  })
})
