import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { helloWorld } from '../src/app.js'

describe('helloWorld', () => {
  it('greets the World when there is no subject, as the tutorial quiz expects', async () => {
    const response = await request(helloWorld, 'GET /')
    expect(response.status).toBe(200)
    expect(response.header('content-type')).toBe('text/html; charset=utf-8')
    expect(response.text()).toBe('Hello World Hello World ')
  })

  it('greets the first ?subject= value, decoded as parse_qs decodes it', async () => {
    expect((await request(helloWorld, 'GET /?subject=Ada+Lovelace&subject=Grace')).text()).toBe(
      'Hello Ada Lovelace Hello Ada Lovelace ',
    )
    expect((await request(helloWorld, 'GET /?subject=caf%C3%A9')).text()).toBe('Hello café Hello café ')
  })

  it('falls back to World for a blank subject, since parse_qs drops blank values', async () => {
    expect((await request(helloWorld, 'GET /?subject=')).text()).toBe('Hello World Hello World ')
  })

  it('escapes the subject, so a query cannot inject markup', async () => {
    const response = await request(helloWorld, 'GET /?subject=%3Cscript%3Ealert(1)%3C/script%3E')
    expect(response.text()).toBe(
      'Hello &lt;script&gt;alert(1)&lt;/script&gt; Hello &lt;script&gt;alert(1)&lt;/script&gt; ',
    )
  })

  it('answers every path alike, as the tutorial app ignores PATH_INFO', async () => {
    expect((await request(helloWorld, 'GET /any/where?subject=you')).text()).toBe('Hello you Hello you ')
  })
})
