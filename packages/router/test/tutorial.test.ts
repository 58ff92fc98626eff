// The tutorial's router, ported: its `urls` list of (regex, callable) pairs becomes router()'s
// routes, and `myapp.url_args` becomes `tsgi.routing_args`. The tutorial's goodbye pattern,
// r'goodbye/?)$', is a typo that does not compile (an unmatched ')'); it is ported as meant.
import { type App, statusLine } from '@tsgi/core'
import { request } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { router, routingArgs } from '../src/index.js'

const encoder = new TextEncoder()
const html = (text: string) => [encoder.encode(text)]

/** The tutorial's index: links to the other pages. */
const index: App = (_environ, startResponse) => {
  startResponse(statusLine(200), [['content-type', 'text/html']])
  return html('Hello World Application\nThis is the Hello World application:\n\n`continue <hello/>`_\n')
}

/** Greets the name given as the first URL argument, or 'World'. */
const hello: App = (environ, startResponse) => {
  const [positional] = routingArgs(environ)
  // The tutorial escapes the name before putting it into HTML.
  const subject = positional[0] === undefined ? 'World' : escapeHtml(positional[0])
  startResponse(statusLine(200), [['content-type', 'text/html']])
  return html(`Hello ${subject}!\nHello ${subject}!\n`)
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

const goodbye: App = (_environ, startResponse) => {
  startResponse(statusLine(200), [['content-type', 'text/html']])
  return html('Goodbye!')
}

const notFound: App = (_environ, startResponse) => {
  startResponse(statusLine(404), [['content-type', 'text/plain']])
  return html('Not Found')
}

// Python's re.search(regex, path) on the path without its leading slash; a RegExp here sees
// PATH_INFO with it, so each pattern gains '\/' after '^'.
const urls = [
  [/^\/$/, index],
  [/^\/hello\/?$/, hello],
  [/^\/hello\/(.+)$/, hello],
  [/^\/goodbye\/?$/, goodbye],
] as const

const application: App = router(urls, { notFound })

describe('the tutorial router', () => {
  it('serves the index', async () => {
    const res = await request(application, 'GET /')
    expect([res.status, res.text()]).toEqual([200, expect.stringContaining('Hello World Application')])
  })

  it('greets World, or the name in the URL through tsgi.routing_args', async () => {
    expect((await request(application, 'GET /hello')).text()).toBe('Hello World!\nHello World!\n')
    expect((await request(application, 'GET /hello/')).text()).toBe('Hello World!\nHello World!\n')
    expect((await request(application, 'GET /hello/Ada')).text()).toBe('Hello Ada!\nHello Ada!\n')
  })

  it('escapes the name before it goes into HTML', async () => {
    expect((await request(application, 'GET /hello/<b>')).text()).toBe('Hello &#60;b&#62;!\nHello &#60;b&#62;!\n')
  })

  it('says goodbye', async () => {
    expect((await request(application, 'GET /goodbye/')).text()).toBe('Goodbye!')
  })

  it('answers anything else with its not_found app', async () => {
    const res = await request(application, 'GET /nowhere')
    expect([res.status, res.text()]).toEqual([404, 'Not Found'])
  })

  it('shows why the typo cannot be ported: the pattern does not compile', () => {
    const typo = 'goodbye/?)$'
    expect(() => new RegExp(typo)).toThrow(SyntaxError)
  })
})
