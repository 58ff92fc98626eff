import { client, request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { createUsersApp } from '../src/app.js'

const JSON_BODY = { 'content-type': 'application/json' }

describe('createUsersApp (a users API on the micro-framework)', () => {
  it('creates a user with POST, answering 201 with Location, and reads it back', async () => {
    const app = createUsersApp()
    const created = await request(app, 'POST /users', { headers: JSON_BODY, body: '{"name":"Ada"}' })
    expect(created.status).toBe(201)
    expect(created.header('location')).toBe('/users/1')
    expect(created.json()).toEqual({ id: 1, name: 'Ada' })
    const read = await request(app, 'GET /users/1')
    expect(read.header('content-type')).toBe('application/json')
    expect(read.json()).toEqual({ id: 1, name: 'Ada' })
  })

  it('lists users, filtered by ?name= through the parsed query', async () => {
    const app = createUsersApp()
    for (const name of ['Ada', 'Alan', 'Grace']) {
      await request(app, 'POST /users', { headers: JSON_BODY, body: JSON.stringify({ name }) })
    }
    expect((await request(app, 'GET /users')).json<unknown[]>()).toHaveLength(3)
    expect((await request(app, 'GET /users?name=a')).json()).toEqual([
      { id: 1, name: 'Ada' },
      { id: 2, name: 'Alan' },
    ])
  })

  it('updates with PUT and deletes with DELETE (204, no body)', async () => {
    const app = createUsersApp()
    await request(app, 'POST /users', { headers: JSON_BODY, body: '{"name":"Ada"}' })
    const put = await request(app, 'PUT /users/1', { headers: JSON_BODY, body: '{"name":"Ada Lovelace"}' })
    expect(put.json()).toEqual({ id: 1, name: 'Ada Lovelace' })
    const deleted = await request(app, 'DELETE /users/1')
    expect(deleted.status).toBe(204)
    expect(deleted.body).toHaveLength(0)
    expect((await request(app, 'GET /users/1')).status).toBe(404)
  })

  it('answers a missing user with a 404 JSON error naming it', async () => {
    const response = await request(createUsersApp(), 'GET /users/9', { headers: { accept: 'application/json' } })
    expect(response.status).toBe(404)
    expect(response.json()).toEqual({ error: { status: 404, message: 'No user 9' } })
  })

  it('does not take /users/01 for user 1', async () => {
    const app = createUsersApp()
    await request(app, 'POST /users', { headers: JSON_BODY, body: '{"name":"Ada"}' })
    expect((await request(app, 'GET /users/01')).status).toBe(404)
  })

  it('rejects bodies a client got wrong with the right 4xx', async () => {
    const app = createUsersApp()
    const cases: [{ headers?: Record<string, string>; body: string | Uint8Array }, number][] = [
      [{ body: '{"name":"Ada"}' }, 415], // no content type
      [{ headers: JSON_BODY, body: '{"name":' }, 400], // not JSON
      [{ headers: JSON_BODY, body: new Uint8Array([0x7b, 0xff, 0x7d]) }, 400], // not UTF-8
      [{ headers: JSON_BODY, body: '{"name":""}' }, 422], // fails validation
      [{ headers: JSON_BODY, body: `{"name":"${'x'.repeat(70 * 1024)}"}` }, 413], // over 64 KiB
    ]
    for (const [init, status] of cases) {
      const response = await request(app, 'POST /users', {
        ...init,
        headers: { accept: 'application/json', ...init.headers },
      })
      expect(response.status, JSON.stringify(init).slice(0, 60)).toBe(status)
    }
    expect((await request(app, 'GET /users')).json()).toEqual([])
  })

  it('answers 405 with Allow for a known path and an unknown method, and 404 for an unknown path', async () => {
    const app = createUsersApp()
    const patch = await request(app, 'PATCH /users')
    expect(patch.status).toBe(405)
    expect(patch.header('allow')).toContain('POST')
    expect((await request(app, 'GET /nothing/here')).status).toBe(404)
  })

  it('answers a JSON null body with the 422 validation message, in production and debug alike', async () => {
    const init = { headers: JSON_BODY, body: 'null' }
    for (const app of [createUsersApp(), createUsersApp({ debug: true })]) {
      const response = await request(app, 'POST /users', init)
      expect(response.status).toBe(422)
      expect(response.text()).toContain('name must be a non-empty string')
    }
  })

  it('answers a CORS preflight from a trusted origin without running a route, and gives refused origins no CORS headers', async () => {
    const app = createUsersApp({ origins: ['https://admin.example'] })
    const preflight = await request(app, 'OPTIONS /users/1', {
      headers: { origin: 'https://admin.example', 'access-control-request-method': 'DELETE' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.header('access-control-allow-origin')).toBe('https://admin.example')
    expect(preflight.header('access-control-allow-credentials')).toBe('true')
    const other = await request(app, 'GET /users', { headers: { origin: 'https://evil.example' } })
    expect(other.status).toBe(200)
    expect(other.header('access-control-allow-origin')).toBeUndefined()
    expect(other.header('vary')).toBe('Origin')
  })

  it('refuses a cross-site write with a 403 that says why, and creates nothing', async () => {
    const app = createUsersApp({ origins: ['https://admin.example'] })
    const forged = await request(app, 'POST /users', {
      headers: {
        ...JSON_BODY,
        accept: 'application/json',
        'sec-fetch-site': 'cross-site',
        origin: 'https://evil.example',
      },
      body: '{"name":"Mallory"}',
    })
    expect(forged.status).toBe(403)
    expect(forged.json<{ error: { message: string } }>().error.message).toContain('Cross-origin request refused')
    const trusted = await request(app, 'POST /users', {
      headers: { ...JSON_BODY, 'sec-fetch-site': 'cross-site', origin: 'https://admin.example' },
      body: '{"name":"Ada"}',
    })
    expect(trusted.status).toBe(201)
    expect(trusted.header('access-control-allow-origin')).toBe('https://admin.example')
    expect((await request(app, 'GET /users')).json()).toEqual([{ id: 1, name: 'Ada' }])
  })

  it('sends security headers on every answer, error pages included', async () => {
    const app = createUsersApp()
    for (const target of ['GET /users', 'GET /users/9']) {
      const response = await request(app, target, { scheme: 'https' })
      expect(response.header('x-content-type-options'), target).toBe('nosniff')
      expect(response.header('x-frame-options'), target).toBe('SAMEORIGIN')
      expect(response.header('strict-transport-security'), target).toBe('max-age=31536000; includeSubDomains')
    }
  })
})

describe('createUsersApp sessions', () => {
  it('logs in as a user, says who is logged in, and logs out, through one test client', async () => {
    const browser = client(createUsersApp())
    await browser.post('/users', { headers: JSON_BODY, body: '{"name":"Ada"}' })
    expect((await browser.get('/me')).status).toBe(401)
    expect((await browser.post('/login', { headers: JSON_BODY, body: '{"name":"Grace"}' })).status).toBe(401)
    const login = await browser.post('/login', { headers: JSON_BODY, body: '{"name":"Ada"}' })
    expect(login.header('set-cookie')).toMatch(/^session=.*; HttpOnly; SameSite=Lax$/)
    expect((await browser.get('/me')).json()).toEqual({ id: 1, name: 'Ada' })
    expect((await browser.post('/logout')).status).toBe(204)
    expect((await browser.get('/me')).status).toBe(401)
  })
})
