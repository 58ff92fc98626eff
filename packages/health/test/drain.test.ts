import { request as httpRequest } from 'node:http'
import type { App } from '@tsgi/core'
import { health } from '@tsgi/health'
import { serve } from '@tsgi/node'
import { afterEach, describe, expect, it } from 'vitest'

const encoder = new TextEncoder()
const BODY = 'x'.repeat(1000)

/** Answers after a short wait, with a 1000-byte body in two chunks. */
const work: App = (_environ, startResponse) => {
  startResponse('200 OK', [['content-type', 'text/plain']])
  return (async function* () {
    await new Promise((resolve) => setTimeout(resolve, 40))
    yield encoder.encode(BODY.slice(0, 500))
    await new Promise((resolve) => setTimeout(resolve, 10))
    yield encoder.encode(BODY.slice(500))
  })()
}

type Outcome = { status: number; body: string } | { error: string }

/** One request on a new connection, so "refused" is about accepting connections. */
function get(url: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }))
    })
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }))
    req.end()
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

describe('serve(health(app), { drainDelay }).close() under load', () => {
  it('reports not-ready, keeps accepting for the drain delay, then refuses; no accepted request is lost', async () => {
    const drainDelay = 600
    const server = await serve(health(work), { port: 0, drainDelay })
    closers.push(() => server.close())
    expect((await get(`${server.url}/readyz`)) as { status: number }).toMatchObject({ status: 200 })

    // Load: 8 clients, each sending requests one after another on new connections until refused.
    let stop = false
    const outcomes: Outcome[] = []
    const client = async (): Promise<void> => {
      while (!stop) {
        const outcome = await get(`${server.url}/work`)
        outcomes.push(outcome)
        if ('error' in outcome) return
      }
    }
    const clients = Array.from({ length: 8 }, client)
    await sleep(150)

    const closeStarted = outcomes.length
    const closed = server.close()
    const notReady = await get(`${server.url}/readyz`)
    expect(notReady).toMatchObject({ status: 503 })
    expect(JSON.parse((notReady as { body: string }).body)).toMatchObject({ shuttingDown: true })

    // Halfway through the drain delay, a new connection is still served.
    await sleep(drainDelay / 2)
    expect(await get(`${server.url}/work`)).toEqual({ status: 200, body: BODY })
    const duringDrain = outcomes.length - closeStarted

    await closed
    stop = true
    await Promise.all(clients)
    // After the drain delay, connections are refused.
    expect(await get(`${server.url}/healthz`)).toEqual({ error: 'ECONNREFUSED' })

    const answered = outcomes.filter((outcome) => 'status' in outcome)
    const failed = outcomes.filter((outcome) => 'error' in outcome)
    expect(duringDrain).toBeGreaterThan(0)
    // Every request the server accepted got its whole response; the only failures are refusals.
    for (const outcome of answered) expect(outcome).toEqual({ status: 200, body: BODY })
    for (const outcome of failed) expect(outcome).toEqual({ error: 'ECONNREFUSED' })
  })

  it('closes at once with the default drain delay of 0', async () => {
    const server = await serve(health(work), { port: 0 })
    await server.close()
    expect(await get(`${server.url}/healthz`)).toEqual({ error: 'ECONNREFUSED' })
  })

  it('rejects a negative or non-numeric drainDelay', async () => {
    await expect(serve(work, { port: 0, drainDelay: -1 })).rejects.toThrow(/options.drainDelay must be an integer/)
    await expect(serve(work, { port: 0, drainDelay: '5s' as unknown as number })).rejects.toThrow(TypeError)
  })
})
