import { PGlite } from '@electric-sql/pglite'
import { memoryStore, type PostgresStore, postgresStore, type SessionStore, session } from '@tsgi/session'
import { client, request } from '@tsgi/test'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { counter, SECRET } from './helpers.js'

// A real Postgres (PGlite: Postgres compiled to WebAssembly, in this process), started once.
let db: PGlite
beforeAll(async () => {
  db = new PGlite()
  await db.waitReady
}, 60_000)
afterAll(() => db?.close())
// Only Date is faked, so PGlite's own timers keep running.
afterEach(() => vi.useRealTimers())

let tables = 0
const stores: Array<[string, () => SessionStore]> = [
  ['memoryStore', () => memoryStore()],
  ['postgresStore (PGlite)', () => postgresStore(db, { table: `sessions_${++tables}` })],
]

describe.each(stores)('%s', (_name, makeStore) => {
  it('stores, replaces and destroys a record, as JSON', async () => {
    const store = makeStore()
    expect(await store.get('nope')).toBeUndefined()
    await store.set('a', { user: 'ada', roles: ['admin'], n: 1 }, 60)
    expect(await store.get('a')).toEqual({ user: 'ada', roles: ['admin'], n: 1 })
    await store.set('a', { user: 'grace' }, 60)
    expect(await store.get('a')).toEqual({ user: 'grace' })
    await store.destroy('a')
    expect(await store.get('a')).toBeUndefined()
    await store.destroy('a') // destroying twice is fine
  })

  it('never returns a record past its time to live', async () => {
    vi.useFakeTimers({ now: Date.UTC(2030, 0, 1), toFake: ['Date'] })
    const store = makeStore()
    await store.set('a', { user: 'ada' }, 60)
    vi.setSystemTime(Date.UTC(2030, 0, 1, 0, 0, 59))
    expect(await store.get('a')).toEqual({ user: 'ada' })
    vi.setSystemTime(Date.UTC(2030, 0, 1, 0, 1, 0))
    expect(await store.get('a')).toBeUndefined()
  })

  it('backs session(): a signed id in the cookie, regenerate() forgets the old id, destroy() the record', async () => {
    const store = makeStore()
    const app = session(counter, { secret: SECRET, store })
    const browser = client(app)
    await browser.get('/count')
    const first = `session=${browser.jar.get('session')}`
    expect(browser.jar.get('session')).toMatch(/^[0-9a-f-]{36}\.[\w-]{43}$/)
    expect((await browser.get('/count')).json()).toEqual({ isNew: false, data: { visits: 2 } })

    // A planted or stolen id is worth nothing after regenerate() (session fixation).
    await browser.post('/regenerate')
    expect(`session=${browser.jar.get('session')}`).not.toBe(first)
    expect((await request(app, '/peek', { headers: { cookie: first } })).json()).toEqual({ isNew: true, data: {} })
    expect((await browser.get('/peek')).json()).toEqual({ isNew: false, data: { visits: 2 } })

    const id = browser.jar.get('session')!.split('.')[0]!
    await browser.post('/destroy')
    expect(await store.get(id)).toBeUndefined()
    expect(browser.jar.get('session')).toBeUndefined()
  })

  it('rolls the expiry: a session used within maxAge lives on, an idle one expires', async () => {
    vi.useFakeTimers({ now: Date.UTC(2030, 0, 1), toFake: ['Date'] })
    const store = makeStore()
    const rolling = client(session(counter, { secret: SECRET, store, maxAge: 60, rolling: true }))
    const fixed = client(session(counter, { secret: SECRET, store, maxAge: 60 }))
    await rolling.get('/count')
    await fixed.get('/count')
    vi.setSystemTime(Date.UTC(2030, 0, 1, 0, 0, 50))
    await rolling.get('/peek')
    await fixed.get('/peek')
    vi.setSystemTime(Date.UTC(2030, 0, 1, 0, 1, 40)) // 100 s after login, 50 s after the last use
    expect((await rolling.get('/peek')).json()).toEqual({ isNew: false, data: { visits: 1 } })
    expect((await fixed.get('/peek')).json()).toEqual({ isNew: true, data: {} })
  })

  it('refuses a forged id without asking the store', async () => {
    const store = makeStore()
    const get = vi.spyOn(store, 'get')
    const app = session(counter, { secret: SECRET, store })
    const response = await request(app, '/peek', { headers: { cookie: 'session=guessed-id.AAAA' } })
    expect(response.json()).toEqual({ isNew: true, data: {} })
    expect(get).not.toHaveBeenCalled()
  })
})

describe('postgresStore', () => {
  it('sweeps expired rows, on demand and from set() once per sweepInterval', async () => {
    vi.useFakeTimers({ now: Date.UTC(2030, 0, 1), toFake: ['Date'] })
    const store: PostgresStore = postgresStore(db, { table: 'swept', sweepInterval: 300 })
    await store.set('short', {}, 10)
    await store.set('long', {}, 3600)
    vi.setSystemTime(Date.UTC(2030, 0, 1, 0, 1))
    expect(await store.sweep()).toBe(1)
    const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM swept')).rows[0]!.n
    expect(await count()).toBe(1)
    await store.set('short', {}, 10)
    vi.setSystemTime(Date.UTC(2030, 0, 1, 0, 4)) // expired, but less than 300 s since the last sweep
    await store.set('other', {}, 3600)
    expect(await count()).toBe(3)
    vi.setSystemTime(Date.UTC(2030, 0, 1, 0, 7))
    await store.set('other', {}, 3600) // past the interval: set() sweeps first
    expect(await count()).toBe(2)
  })

  it('keeps data as jsonb that plain SQL can query', async () => {
    const store = postgresStore(db, { table: 'queried' })
    await store.set('a', { user: 'ada' }, 60)
    const { rows } = await db.query<{ user: string }>("SELECT data->>'user' AS user FROM queried WHERE id = 'a'")
    expect(rows).toEqual([{ user: 'ada' }])
  })

  it('rejects a bad client or table name when built', () => {
    expect(() => postgresStore({} as never)).toThrow(/client must have a query\(\) method/)
    expect(() => postgresStore(db, { table: 'x; DROP TABLE y' })).toThrow(
      /lower-case SQL identifier, got "x; DROP TABLE y"/,
    )
    expect(() => postgresStore(db, { sweepInterval: -1 })).toThrow(RangeError)
  })
})

describe('memoryStore', () => {
  it('answers 503 past maxSessions instead of dropping other sessions', async () => {
    const store = memoryStore({ maxSessions: 2 })
    await store.set('a', {}, 60)
    await store.set('b', {}, 60)
    await expect(store.set('c', {}, 60)).rejects.toMatchObject({ status: 503 })
    await store.set('a', { again: true }, 60) // replacing is fine
    expect(() => memoryStore({ maxSessions: 0 })).toThrow(RangeError)
  })
})
