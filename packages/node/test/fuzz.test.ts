import { type App, readBody } from '@tsgi/core'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { raw } from '../../../test/conformance/raw.js'
import { THROWN } from '../../../test/conformance/thrown.js'
import { serve, type TsgiServer } from '../src/index.js'

// Property tests over raw sockets (fixed seeds, bounded counts). The invariant for any
// connection: one well-formed response per request the server accepted, in request order, or a
// clean close; and the server still answers a fresh request afterwards.

const encoder = new TextEncoder()

const app: App = async (environ, startResponse) => {
  const path = environ.PATH_INFO
  if (path.startsWith('/throw/')) throw (THROWN[Number(path.slice(7))] as readonly [string, () => unknown])[1]()
  const body = environ.REQUEST_METHOD === 'POST' ? await readBody(environ) : new Uint8Array(0)
  startResponse('200 OK', [['content-type', 'text/plain']])
  return [encoder.encode(`${path} ${body.length}`)]
}

let server: TsgiServer
const errors: string[] = []
beforeAll(async () => {
  server = await serve(app, { port: 0, maxBodySize: 4096, errors: { write: (text: string) => void errors.push(text) } })
})
afterAll(() => server.close())

async function stillAnswers(): Promise<void> {
  const { responses } = await raw(server.url, 'GET /fresh HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
  expect(responses.map((response) => response.status)).toEqual([200])
}

/** One request of a pipeline: good, or mutated in one place. */
const request = fc.record({
  id: fc.integer({ min: 0, max: 9999 }),
  post: fc.boolean(),
  body: fc.string({ maxLength: 64 }),
  mutation: fc.constantFrom(
    'none',
    'none',
    'none',
    'bad-percent',
    'bare-lf',
    'no-colon',
    'two-hosts',
    'obs-fold',
    'bad-length',
    'te-gzip',
    'te-and-length',
    'bad-chunk',
    'too-large',
    'nul',
    'throw',
  ),
})
type Request = typeof request extends fc.Arbitrary<infer T> ? T : never

function render({ id, post, body, mutation }: Request, index: number, all: Request[]): string {
  const bytes = Buffer.byteLength(body)
  let path = `/r/${id}`
  if (mutation === 'bad-percent') path += '%zz'
  if (mutation === 'nul') path += '%00'
  if (mutation === 'throw') path = `/throw/${id % THROWN.length}`
  const lines = [`${post ? 'POST' : 'GET'} ${path} HTTP/1.1`, 'Host: fuzz']
  if (mutation === 'two-hosts') lines.push('Host: evil.example')
  if (mutation === 'no-colon') lines.push('Broken header')
  if (mutation === 'obs-fold') lines.push('X-Folded: a', ' b')
  // The last request closes, so the exchange ends without waiting for a time-out.
  if (index === all.length - 1) lines.push('Connection: close')
  let framed = post ? body : ''
  if (mutation === 'te-gzip') lines.push('Transfer-Encoding: gzip, chunked')
  else if (mutation === 'bad-chunk') {
    lines.push('Transfer-Encoding: chunked')
    framed = `zz\r\n${body}\r\n0\r\n\r\n`
  } else if (mutation === 'te-and-length') lines.push('Transfer-Encoding: chunked', `Content-Length: ${bytes}`)
  else if (mutation === 'bad-length') lines.push('Content-Length: 1x')
  else if (mutation === 'too-large') lines.push('Content-Length: 999999')
  else if (post) lines.push(`Content-Length: ${bytes}`)
  if (mutation === 'te-gzip') framed = '0\r\n\r\n'
  const eol = mutation === 'bare-lf' ? '\n' : '\r\n'
  return `${lines.join(eol)}${eol}${eol}${framed}`
}

describe('pipelines mixing good and bad requests', () => {
  it('get one well-formed response per accepted request, in order, or a clean close', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 5 }), async (requests) => {
        const { responses, closed } = await raw(server.url, requests.map(render).join(''), { timeout: 3000 })
        // Every response is complete, and no request has more than one.
        expect(responses.every((response) => response.complete)).toBe(true)
        expect(responses.length).toBeLessThanOrEqual(requests.length)
        // The good ones answered are a prefix of the pipeline, in order.
        responses.forEach((response, index) => {
          const sent = requests[index] as Request
          if (response.status === 200) {
            // RFC 9112 §2.2 and §5.2 let a server accept a bare LF and replace obs-fold with a space.
            expect(['none', 'bare-lf', 'obs-fold']).toContain(sent.mutation)
            expect(response.body.toString()).toBe(`/r/${sent.id} ${sent.post ? Buffer.byteLength(sent.body) : 0}`)
          } else expect(response.status).toBeGreaterThanOrEqual(400)
        })
        // Fewer responses than requests: the server closed the connection after the last one.
        if (responses.length < requests.length) expect(closed).toBe(true)
        await stillAnswers()
      }),
      { seed: 20261203, numRuns: 60 },
    )
  }, 120_000)
})
