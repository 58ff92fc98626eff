import type { App } from '@tsgi/core'
import { toFetchHandler } from '@tsgi/fetch'
import { describe, expect, it } from 'vitest'

describe('toFetchHandler(app) when the client leaves before the app returned', () => {
  it('still settles the handler (a server waits for it on shutdown) and closes the late body', async () => {
    let release!: () => void
    let closed = false
    const app: App = async (_environ, startResponse) => {
      await new Promise<void>((resolve) => {
        release = resolve
      })
      startResponse('200 OK', [])
      return Object.assign([new TextEncoder().encode('late')], { close: () => void (closed = true) })
    }
    const client = new AbortController()
    const answer = toFetchHandler(app)(new Request('http://127.0.0.1/', { signal: client.signal }))
    await new Promise((resolve) => setTimeout(resolve, 10))
    client.abort()
    const response = await answer
    expect(response).toBeInstanceOf(Response)
    release()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(closed).toBe(true)
  })
})
