import { type App, statusLine } from '@tsgi/core'
import { queryOf, readForm } from '@tsgi/query'
import { routingArgs } from '@tsgi/router'

const encoder = new TextEncoder()
const TEXT = [['content-type', 'text/plain; charset=utf-8']] as const

/** The tutorial's `Index`: the start page. */
export const index: App = (_environ, startResponse) => {
  startResponse(statusLine(200), TEXT)
  return [encoder.encode('Hello World Application\nTry /hello, /hello/you and /goodbye.\n')]
}

/**
 * The tutorial's `Hello`: greets the route's `subject` parameter if it has one (`/hello/:subject`,
 * or the first group of a `RegExp` route), else `?subject=`, else the World.
 */
export const hello: App = (environ, startResponse) => {
  const [positional, named] = routingArgs(environ) // the tutorial's environ['myapp.url_args']
  const subject = named.subject ?? positional[0] ?? queryOf(environ).subject?.[0] ?? 'World'
  startResponse(statusLine(200), TEXT)
  return [encoder.encode(`Hello ${subject}!\n`)]
}

/** `POST /hello` with a form body `subject=…`: the same greeting, from a form. */
export const helloForm: App = async (environ, startResponse) => {
  const { subject = ['World'] } = await readForm(environ, { limit: 4096 })
  startResponse(statusLine(200), TEXT)
  return [encoder.encode(`Hello ${subject[0]}!\n`)]
}

/** The tutorial's `Goodbye`. */
export const goodbye: App = (_environ, startResponse) => {
  startResponse(statusLine(200), TEXT)
  return [encoder.encode('Goodbye!\n')]
}

/** The tutorial's `not_found`: `404 NOT FOUND`, as text (the reason phrase in its usual case). */
export const notFound: App = (environ, startResponse) => {
  startResponse(statusLine(404), TEXT)
  return [encoder.encode(`Not Found: ${environ.PATH_INFO}\n`)]
}
