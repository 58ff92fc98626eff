import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { app } from '../src/app.js'

describe('the edge app', () => {
  it('says which runtime answered', async () => {
    const response = await request(app, 'GET /')
    expect(response.status).toBe(200)
    expect(response.text()).toMatch(/^Hello from Node, a single process; you are /)
  })

  it('echoes a body and refuses one over 64 KiB with a 413', async () => {
    expect((await request(app, 'POST /echo', { body: 'ping', headers: { 'content-type': 'text/plain' } })).text()).toBe(
      'ping',
    )
    expect((await request(app, 'POST /echo', { body: 'x'.repeat(64 * 1024 + 1) })).status).toBe(413)
  })

  it('streams /count/:n and refuses an n out of range with a 400', async () => {
    expect((await request(app, 'GET /count/3')).text()).toBe('1\n2\n3\n')
    expect((await request(app, 'GET /count/1001')).status).toBe(400)
  })
})
