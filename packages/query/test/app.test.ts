// The package inside an app, through @tsgi/test's in-memory client (lint on): a request as a server builds it.
import type { App } from '@tsgi/core'
import { QueryError, queryOf, readForm } from '@tsgi/query'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'

const encoder = new TextEncoder()

/** The tutorial's greeting: `?subject=` or a posted form's `subject`. */
const hello: App = async (environ, startResponse) => {
  const fields = environ.REQUEST_METHOD === 'POST' ? await readForm(environ) : queryOf(environ)
  const subject = fields.subject?.[0] ?? 'World'
  startResponse('200 OK', [['content-type', 'text/plain; charset=utf-8']])
  return [encoder.encode(`Hello ${subject}!`)]
}

describe('queryOf(environ) and readForm(environ) in an app', () => {
  it('read the query string and a posted form alike', async () => {
    expect((await request(hello, 'GET /?subject=caf%C3%A9+au+lait')).text()).toBe('Hello café au lait!')
    expect((await request(hello, 'GET /')).text()).toBe('Hello World!')
    const posted = await request(hello, 'POST /', {
      body: 'subject=J%C3%BCrgen&x=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    })
    expect(posted.text()).toBe('Hello Jürgen!')
  })

  it('let a 400 QueryError or a 415 escape for the server to answer', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join('&')
    await expect(request(hello, `GET /?${many}`)).rejects.toBeInstanceOf(QueryError)
    await expect(
      request(hello, 'POST /', { body: '{}', headers: { 'content-type': 'application/json' } }),
    ).rejects.toMatchObject({ status: 415 })
  })
})
