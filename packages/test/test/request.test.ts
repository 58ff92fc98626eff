import { type App, type Body, HTTPError, NotFound, type StartResponse } from '@tsgi/core'
import { LintError, lint } from '@tsgi/lint'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

const hello: App = (_environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'text/plain']])
  return [bytes('Hello, '), bytes('world!')]
}

/** A body that records what the server did with it. */
function recorded(chunks: Uint8Array[], log: string[], kind: 'sync' | 'async'): Body {
  const iterate = function* () {
    try {
      for (const chunk of chunks) {
        log.push('next')
        yield chunk
      }
      log.push('done')
    } finally {
      log.push('finally')
    }
  }
  const body =
    kind === 'sync'
      ? { [Symbol.iterator]: iterate }
      : {
          async *[Symbol.asyncIterator]() {
            yield* iterate()
          },
        }
  return Object.assign(body, { close: () => void log.push('close') })
}

describe('request()', () => {
  it('resolves to the status, headers and body of an array body', async () => {
    const response = await request(hello, 'GET /')
    expect(response.status).toBe(200)
    expect(response.statusText).toBe('OK')
    // As a server sends it: the computed Content-Length of an array body included (spec §5.5.1, §6).
    expect(response.headers).toEqual([
      ['content-type', 'text/plain'],
      ['content-length', '13'],
    ])
    expect(response.header('Content-Type')).toBe('text/plain')
    expect(response.text()).toBe('Hello, world!')
    expect(response.body).toBeInstanceOf(Uint8Array)
  })

  it.each(['sync', 'async'] as const)('drives a %s body to the end and closes it once', async (kind) => {
    const log: string[] = []
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return recorded([bytes('a'), bytes(''), bytes('b')], log, kind)
    }
    const response = await request(app, '/')
    expect(response.text()).toBe('ab')
    expect(log).toEqual(['next', 'next', 'next', 'done', 'finally', 'close'])
  })

  it('lets an async app resolve to its body', async () => {
    const app: App = async (_environ, startResponse) => {
      await Promise.resolve()
      startResponse('201 Created', [['content-type', 'application/json']])
      return [bytes('{"id":1}')]
    }
    const response = await request(app, { method: 'POST', path: '/users' })
    expect(response.status).toBe(201)
    expect(response.json()).toEqual({ id: 1 })
  })

  it('accepts startResponse called inside the first iteration', async () => {
    const app: App = (_environ, startResponse) => ({
      *[Symbol.iterator]() {
        startResponse('200 OK', [['content-type', 'text/plain']])
        yield bytes('late')
      },
    })
    expect((await request(app, '/')).text()).toBe('late')
  })

  it('lets excInfo replace the status and headers before the first chunk', async () => {
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return {
        *[Symbol.iterator]() {
          yield bytes('')
          startResponse('500 Internal Server Error', [['content-type', 'text/plain']], new Error('boom'))
          yield bytes('failed')
        },
      }
    }
    const response = await request(app, '/')
    expect(response.status).toBe(500)
    expect(response.text()).toBe('failed')
  })

  it('rethrows excInfo once the headers are committed, and closes the body', async () => {
    const log: string[] = []
    const boom = new Error('boom')
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return {
        *[Symbol.iterator]() {
          yield bytes('partial')
          startResponse('500 Internal Server Error', [['content-type', 'text/plain']], boom)
          yield bytes('never')
        },
        close: () => void log.push('close'),
      }
    }
    await expect(request(app, '/')).rejects.toBe(boom)
    expect(log).toEqual(['close'])
  })

  it.each([true, false])('rejects a second startResponse without excInfo (lint %s)', async (lint) => {
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      startResponse('404 Not Found', [['content-type', 'text/plain']])
      return []
    }
    await expect(request(app, '/', { lint })).rejects.toThrow(lint ? LintError : /second time without excInfo/)
  })

  it('throws a TypeError for a second startResponse without excInfo, even when the first threw (spec §4.5.5)', async () => {
    const seen: unknown[] = []
    const app: App = (_environ, startResponse) => {
      for (const status of ['bad', '200 OK']) {
        try {
          startResponse(status, [])
        } catch (error) {
          seen.push(error)
        }
      }
      return []
    }
    await expect(request(app, '/', { lint: false })).rejects.toThrow(/startResponse/)
    expect(seen).toHaveLength(2)
    expect(seen[1]).toBeInstanceOf(TypeError)
    expect(String(seen[1])).toMatch(/second time without excInfo/)
  })

  it('answers 400 without calling the app for the asterisk form with a method other than OPTIONS', async () => {
    let called = false
    const app: App = (environ, startResponse) => {
      called = true
      startResponse('204 No Content', [])
      return [environ.PATH_INFO === '*' ? new Uint8Array(0) : bytes('?')]
    }
    expect((await request(app, 'GET *')).status).toBe(400)
    expect(called).toBe(false)
    expect((await request(app, 'OPTIONS *')).status).toBe(204)
    expect(called).toBe(true)
  })

  it('rejects with an error the app lets escape', async () => {
    const boom = new Error('boom')
    const app: App = () => {
      throw boom
    }
    await expect(request(app, '/')).rejects.toBe(boom)
  })

  it('rejects with an HTTPError the app lets escape, rendering nothing', async () => {
    const app: App = () => {
      throw new NotFound()
    }
    await expect(request(app, '/')).rejects.toBeInstanceOf(HTTPError)
  })

  it.each(['sync', 'async'] as const)(
    'rejects with an error from a %s body after return() and close()',
    async (kind) => {
      const log: string[] = []
      const boom = new Error('boom')
      const app: App = (_environ, startResponse) => {
        startResponse('200 OK', [['content-type', 'text/plain']])
        const chunks = function* () {
          try {
            yield bytes('a')
            throw boom
          } finally {
            log.push('finally')
          }
        }
        const body =
          kind === 'sync'
            ? { [Symbol.iterator]: chunks }
            : {
                [Symbol.asyncIterator]: async function* () {
                  yield* chunks()
                },
              }
        return Object.assign(body, { close: () => void log.push('close') })
      }
      await expect(request(app, '/')).rejects.toBe(boom)
      expect(log).toEqual(['finally', 'close'])
    },
  )

  it.each(['HEAD', 'GET'])('stops a %s body after the first chunk for HEAD and sends no bytes', async (method) => {
    const log: string[] = []
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return recorded([bytes('a'), bytes('b')], log, 'sync')
    }
    const response = await request(app, `${method} /`)
    if (method === 'HEAD') {
      expect(response.body.length).toBe(0)
      expect(log).toEqual(['next', 'finally', 'close'])
    } else {
      expect(response.text()).toBe('ab')
    }
  })

  it.each([true, false])('rejects a string body with a TypeError or LintError (lint %s)', async (lint) => {
    const app = ((_environ: unknown, startResponse: StartResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return 'text'
    }) as unknown as App
    await expect(request(app, '/', { lint })).rejects.toThrow(lint ? LintError : TypeError)
  })

  it('rejects a non-bytes chunk with lint off, after return() and close()', async () => {
    const log: string[] = []
    const app = ((_environ: unknown, startResponse: StartResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return recorded(['text' as unknown as Uint8Array], log, 'sync')
    }) as unknown as App
    await expect(request(app, '/', { lint: false })).rejects.toThrow(TypeError)
    expect(log).toEqual(['next', 'finally', 'close'])
  })

  it('rejects a body that ends before startResponse was called, after closing it once (lint off)', async () => {
    const log: string[] = []
    const app: App = () => recorded([], log, 'async')
    await expect(request(app, '/', { lint: false })).rejects.toThrow(/never called startResponse/)
    expect(log).toEqual(['done', 'finally', 'close'])
  })

  it('rejects a chunk sent before startResponse with lint off, after return() and close()', async () => {
    const log: string[] = []
    const app: App = () => recorded([bytes('early')], log, 'sync')
    await expect(request(app, '/', { lint: false })).rejects.toThrow(/before startResponse/)
    expect(log).toEqual(['next', 'finally', 'close'])
  })

  it.each([
    ['204 No Content', []],
    ['304 Not Modified', [['etag', '"v1"']]],
  ] as const)('sends no body for a %s and stops the body at its first chunk', async (status, headers) => {
    const log: string[] = []
    const app: App = (_environ, startResponse) => {
      startResponse(status, headers)
      return recorded([bytes('x'), bytes('y')], log, 'async')
    }
    const response = await request(app, '/', { lint: false })
    expect(response.body.length).toBe(0)
    expect(log).toEqual(['next', 'finally', 'close'])
  })

  it('gives the app the environ a server would build', async () => {
    const app: App = (environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'application/json']])
      const { REQUEST_METHOD, SCRIPT_NAME, PATH_INFO, QUERY_STRING, CONTENT_TYPE, HTTP_X_TRACE } = environ
      return [
        bytes(JSON.stringify({ REQUEST_METHOD, SCRIPT_NAME, PATH_INFO, QUERY_STRING, CONTENT_TYPE, HTTP_X_TRACE })),
      ]
    }
    const response = await request(app, 'PUT /api/items/%C3%A9?x=1', {
      scriptName: '/api',
      headers: { 'content-type': 'text/plain', 'x-trace': 'abc' },
      body: 'data',
    })
    expect(response.json()).toEqual({
      REQUEST_METHOD: 'PUT',
      SCRIPT_NAME: '/api',
      PATH_INFO: '/items/é',
      QUERY_STRING: 'x=1',
      CONTENT_TYPE: 'text/plain',
      HTTP_X_TRACE: 'abc',
    })
  })

  it('resolves to a 400 without calling the app for a path a server rejects', async () => {
    let called = false
    const app: App = (environ, startResponse) => {
      called = true
      return hello(environ, startResponse)
    }
    const response = await request(app, 'GET /a/%2e%2e/b')
    expect(response.status).toBe(400)
    expect(response.text()).toMatch(/dot segment/)
    expect(called).toBe(false)
  })

  it('writes a close() that throws to errors, as a server does, and resolves (spec §5.4.10)', async () => {
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return Object.assign([bytes('x')], {
        close: () => {
          throw new Error('close failed')
        },
      })
    }
    const response = await request(app, '/')
    expect(response.text()).toBe('x')
    expect(response.errors).toMatch(/^\[tsgi\] GET \/: Error: close failed/)
  })

  it('waits for a close() promise and writes its rejection to errors', async () => {
    const app: App = (environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return Object.assign([bytes('x')], {
        close: async () => {
          await Promise.resolve()
          environ['tsgi.errors'].write('closing\n')
          throw new Error('close failed')
        },
      })
    }
    const response = await request(app, '/')
    expect(response.errors).toMatch(/^closing\n\[tsgi\] GET \/: Error: close failed/)
  })

  it('rejects a body longer than its Content-Length, as a server cuts the connection, and logs it', async () => {
    const log: string[] = []
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [
        ['content-type', 'text/plain'],
        ['content-length', '3'],
      ])
      return recorded([bytes('ab'), bytes('cdef')], log, 'sync')
    }
    const errors = { text: '', write: (text: string) => void (errors.text += text) }
    await expect(request(app, '/', { lint: false, errors })).rejects.toThrow(/more bytes than its Content-Length/)
    expect(errors.text).toMatch(/^\[tsgi\] GET \/: Error: The body has more bytes than its Content-Length/)
    expect(log).toEqual(['next', 'next', 'finally', 'close'])
    await expect(request(app, '/')).rejects.toThrow(LintError)
  })

  it('checks status and headers in startResponse as the server does, with lint off too (spec §4.1, §4.2, §4.4)', async () => {
    const answer =
      (status: string, headers: [string, string][]): App =>
      (_environ, startResponse) => {
        startResponse(status, headers)
        return [bytes('x')]
      }
    const off = { lint: false }
    await expect(request(answer('100 Continue', []), '/', off)).rejects.toThrow(/final status/)
    await expect(request(answer('200 OK', [['Connection', 'close']]), '/', off)).rejects.toThrow(/hop-by-hop/)
    await expect(request(answer('200 OK', [['x-a', 'a\r\nb']]), '/', off)).rejects.toThrow(TypeError)
    await expect(request(answer('200 OK', [['Status', '200']]), '/', off)).rejects.toThrow(/status/)
  })

  it('rejects a body shorter than its Content-Length', async () => {
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-length', '10']])
      return [bytes('abc')]
    }
    await expect(request(app, '/', { lint: false })).rejects.toThrow(/Content-Length is 10 but the body has 3 bytes/)
  })

  it('stops a body once its Content-Length is reached: return(), then close()', async () => {
    const log: string[] = []
    const app: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-length', '4']])
      return recorded([bytes('ab'), bytes('cd'), bytes('never pulled')], log, 'async')
    }
    const response = await request(app, '/', { lint: false })
    expect(response.text()).toBe('abcd')
    expect(log).toEqual(['next', 'next', 'finally', 'close'])
  })

  it('rejects a middleware that never closes the body it wrapped (spec §5.4.1, §7.1.4; REVIEW A12)', async () => {
    const inner: App = (_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return Object.assign([bytes('ok')], { close: () => {} })
    }
    const leaky =
      (app: App): App =>
      (environ, startResponse) => {
        const body = app(environ, startResponse) as Uint8Array[]
        return (function* () {
          for (let index = 0; index < body.length; index++) yield body[index] as Uint8Array
        })()
      }
    const closing =
      (app: App): App =>
      (environ, startResponse) => {
        const body = app(environ, startResponse) as Uint8Array[] & Body
        const own = (function* () {
          for (let index = 0; index < body.length; index++) yield body[index] as Uint8Array
        })()
        return Object.assign(own, { close: () => body.close?.() })
      }
    await expect(request(leaky(lint(inner)), '/')).rejects.toThrow(/close the body of the app it wraps/)
    expect((await request(closing(lint(inner)), '/')).text()).toBe('ok')
  })
})
