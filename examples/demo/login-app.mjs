// A login flow on @tsgi/session: a form, a page for the logged-in user, and a logout button.
// The session is a sealed cookie (HttpOnly, SameSite=Lax: a form posted from another site does
// not carry it); the secret is SESSION_SECRET, or random per process (logins end on restart).
// Plain JavaScript, as demo-app.mjs.

import { readForm } from '@tsgi/query'
import { router } from '@tsgi/router'
import { session, sessionOf } from '@tsgi/session'

const encoder = new TextEncoder()
/** The demo's only account; the form says so. A real app keeps password hashes, never passwords. */
const USERS = new Map([['ada', 'lovelace']])

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** @param {string} status @param {string} body @param {import('@tsgi/core').StartResponse} startResponse */
function page(status, body, startResponse) {
  startResponse(status, [['content-type', 'text/html; charset=utf-8']])
  return [
    encoder.encode(
      `<!doctype html>\n<html lang="en">\n<meta charset="utf-8">\n<title>Login</title>\n${body}\n</html>\n`,
    ),
  ]
}

/** A 303 to a path inside this app, wherever it is mounted. @type {(environ: import('@tsgi/core').Environ, startResponse: import('@tsgi/core').StartResponse, path: string) => []} */
function seeOther(environ, startResponse, path) {
  startResponse('303 See Other', [['location', `${environ.SCRIPT_NAME}${path}`]])
  return []
}

const loginForm = (action, message) => `<h1>Log in</h1>
${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
  <label>User <input name="user" autocomplete="username"></label>
  <label>Password <input name="password" type="password" autocomplete="current-password"></label>
  <button>Log in</button>
</form>
<p>Try <code>ada</code> / <code>lovelace</code>.</p>`

/** @type {import('@tsgi/core').App} */
async function home(environ, startResponse) {
  const user = (await sessionOf(environ)).get('user')
  if (user === undefined) return page('200 OK', loginForm(`${environ.SCRIPT_NAME}/login`), startResponse)
  return page(
    '200 OK',
    `<h1>Hello, ${escapeHtml(user)}!</h1>\n<p>This page is for logged-in users only.</p>
<form method="post" action="${escapeHtml(`${environ.SCRIPT_NAME}/logout`)}"><button>Log out</button></form>`,
    startResponse,
  )
}

/** @type {import('@tsgi/core').App} */
async function login(environ, startResponse) {
  const form = await readForm(environ)
  const user = form.user?.[0] ?? ''
  if (USERS.get(user) === undefined || USERS.get(user) !== form.password?.[0]) {
    return page('401 Unauthorized', loginForm(`${environ.SCRIPT_NAME}/login`, 'Wrong user or password.'), startResponse)
  }
  const current = await sessionOf(environ)
  current.regenerate() // a new session at login: one planted before is worthless (session fixation)
  current.set('user', user)
  return seeOther(environ, startResponse, '/')
}

/** @type {import('@tsgi/core').App} */
async function logout(environ, startResponse) {
  ;(await sessionOf(environ)).destroy()
  return seeOther(environ, startResponse, '/')
}

/** The login example: `/` (the form, or the page of the logged-in user), `POST /login`, `POST /logout`. */
export const loginApp = session(
  router([
    ['/', home, ['GET']],
    ['/login', login, ['POST']],
    ['/logout', logout, ['POST']],
  ]),
  { secret: process.env.SESSION_SECRET ?? crypto.getRandomValues(new Uint8Array(32)) },
)
