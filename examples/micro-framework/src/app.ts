/**
 * A users API written with the micro-framework in ./framework: what a user of tsgi's packages
 * would write. The store is created per app, so every test starts fresh.
 */
import type { App } from '@tsgi/core'
import { NotFound, UnprocessableEntity } from '@tsgi/exceptions'
import { createApp, empty, json, type PolicyOptions, text } from './framework/index.js'

interface User {
  id: number
  name: string
}

/** Builds the users API with an empty in-memory store. */
export function createUsersApp(options: PolicyOptions = {}): App {
  const users = new Map<number, User>()
  let nextId = 1

  const find = (id: string): User => {
    const user = users.get(Number(id))
    if (user === undefined || String(user.id) !== id) throw new NotFound(`No user ${id}`)
    return user
  }

  return createApp()
    .get('/', () => text('users API: GET/POST /users, GET/PUT/DELETE /users/:id\n'))
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
    .build(options)
}

/** The app `server.ts` serves. */
export const app: App = createUsersApp()

function nameOf(body: unknown): string {
  const name = (body as { name?: unknown } | null)?.name
  if (typeof name !== 'string' || name.trim() === '' || name.length > 100) {
    throw new UnprocessableEntity('name must be a non-empty string of at most 100 characters')
  }
  return name.trim()
}
