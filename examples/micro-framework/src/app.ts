/**
 * A users API written with the micro-framework in ./framework: what a user of tsgi's packages
 * would write. The store is created per app, so every test starts fresh.
 */
import type { App } from '@tsgi/core'
import { NotFound, Unauthorized, UnprocessableEntity } from '@tsgi/exceptions'
import { session } from '@tsgi/session'
import { createApp, empty, json, type PolicyOptions, text } from './framework/index.js'

interface User {
  id: number
  name: string
}

/**
 * Builds the users API with an empty in-memory store, inside `session()`: `POST /login` with a
 * user's name logs in as that user (no passwords in this example), `GET /me` says who is logged
 * in, `POST /logout` ends the session. The session secret is `options.secret`, else
 * `SESSION_SECRET`, else random per process (sessions then end on restart). `debug` and
 * `origins` are the framework's policy options (error pages, CORS and CSRF).
 */
export function createUsersApp(options: PolicyOptions & { secret?: string } = {}): App {
  const users = new Map<number, User>()
  let nextId = 1

  const find = (id: string): User => {
    const user = users.get(Number(id))
    if (user === undefined || String(user.id) !== id) throw new NotFound(`No user ${id}`)
    return user
  }

  const routes = createApp()
    .get('/', () => text('users API: GET/POST /users, GET/PUT/DELETE /users/:id, POST /login, GET /me, POST /logout\n'))
    .get('/users', (req) => {
      const prefix = req.query.name?.[0]?.toLowerCase() ?? ''
      return json([...users.values()].filter((user) => user.name.toLowerCase().startsWith(prefix)))
    })
    .post('/users', async (req) => {
      const user = { id: nextId++, name: nameOf(await req.json()) }
      users.set(user.id, user)
      return json(user, { status: 201, headers: [['location', `/users/${user.id}`]] })
    })
    .get('/users/:id', (req) => json(find(req.params.id)))
    .put('/users/:id', async (req) => {
      const user = find(req.params.id)
      user.name = nameOf(await req.json())
      return json(user)
    })
    .delete('/users/:id', (req) => {
      users.delete(find(req.params.id).id)
      return empty()
    })
    .post('/login', async (req) => {
      const name = nameOf(await req.json())
      const user = [...users.values()].find((candidate) => candidate.name === name)
      if (user === undefined) throw new Unauthorized(`No user named ${name}`)
      const current = await req.session()
      current.regenerate() // a new session id at login (session fixation)
      current.set('userId', user.id)
      return json(user)
    })
    .get('/me', async (req) => {
      const id = (await req.session()).get<number>('userId')
      const user = id === undefined ? undefined : users.get(id)
      if (user === undefined) throw new Unauthorized('Not logged in')
      return json(user)
    })
    .post('/logout', async (req) => {
      ;(await req.session()).destroy()
      return empty()
    })
    .build(options)
  return session(routes, { secret: options.secret ?? process.env.SESSION_SECRET ?? randomSecret() })
}

/** The app `server.ts` serves. */
export const app: App = createUsersApp()

function randomSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32))
}

function nameOf(body: unknown): string {
  const name = (body as { name?: unknown } | null)?.name
  if (typeof name !== 'string' || name.trim() === '' || name.length > 100) {
    throw new UnprocessableEntity('name must be a non-empty string of at most 100 characters')
  }
  return name.trim()
}
