import type { App } from '@tsgi/core'
import { lint } from '@tsgi/lint'
import * as lambdaLocal from 'lambda-local'
import { describe, expect, it } from 'vitest'
import { type LambdaV2Result, toLambdaHandler, toLambdaStreamingHandler } from '../src/index.js'
import { functionUrlEvent, restV1Event } from './events.js'

// The handlers run under lambda-local, a local Lambda runner from npm: it builds the context,
// calls the exported handler as the Node.js runtime does, and provides the runtime's
// awslambda.streamifyResponse and HttpResponseStream for response streaming.
const encoder = new TextEncoder()
const events: string[] = []

const streamed: App = (_environ, startResponse) => {
  startResponse('201 Created', [
    ['content-type', 'text/plain'],
    ['set-cookie', 'session=1; HttpOnly'],
  ])
  return (async function* () {
    for (let index = 0; index < 3; index++) {
      await new Promise((resolve) => setTimeout(resolve, 30))
      events.push(`yield ${index}`)
      yield encoder.encode(`part ${index}\n`)
    }
  })()
}

const hello: App = (environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'text/plain']])
  return [encoder.encode(`hello ${environ.PATH_INFO} from ${environ.REMOTE_ADDR}`)]
}

interface Awslambda {
  streamifyResponse(handler: unknown): (event: unknown, context: unknown) => Promise<unknown>
}
const run = (handler: unknown, event: unknown): Promise<unknown> =>
  lambdaLocal.execute({ event, lambdaFunc: { handler }, lambdaHandler: 'handler', timeoutMs: 5000, verboseLevel: 0 })

describe('the handlers under lambda-local', () => {
  it('answers a REST event through toLambdaHandler()', async () => {
    const result = (await run(toLambdaHandler(lint(hello)), restV1Event())) as { statusCode: number; body: string }
    expect(result.statusCode).toBe(200)
    expect(result.body).toBe('hello /my/path from 192.0.2.1')
  })

  it('streams a function URL response through awslambda.streamifyResponse(toLambdaStreamingHandler())', async () => {
    const { awslambda } = globalThis as unknown as { awslambda: Awslambda }
    const handler = awslambda.streamifyResponse(toLambdaStreamingHandler(lint(streamed)))
    const result = (await run(handler, functionUrlEvent())) as Omit<LambdaV2Result, 'body'> & {
      body: AsyncIterable<Buffer>
    }
    expect(result.statusCode).toBe(201)
    expect(result.headers['content-type']).toBe('text/plain')
    expect(result.cookies).toEqual(['session=1; HttpOnly'])
    let text = ''
    for await (const chunk of result.body) {
      if (text === '') events.push('first chunk read')
      text += chunk.toString()
    }
    expect(text).toBe('part 0\npart 1\npart 2\n')
    // The client had the first part before the app produced the last one: streamed, not buffered.
    expect(events.indexOf('first chunk read')).toBeLessThan(events.indexOf('yield 2'))
  })

  it('throws a clear TypeError outside the Lambda runtime, with no awslambda global', async () => {
    const { awslambda } = globalThis as unknown as { awslambda?: Awslambda }
    const saved = awslambda
    delete (globalThis as { awslambda?: unknown }).awslambda
    try {
      await expect(toLambdaStreamingHandler(hello)(functionUrlEvent(), {} as never)).rejects.toThrow(
        /no awslambda global; it runs inside the Lambda Node.js runtime/,
      )
    } finally {
      ;(globalThis as { awslambda?: unknown }).awslambda = saved
    }
  })
})
