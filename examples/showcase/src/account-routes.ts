import { isHTTPError } from '@tsgi/core'
import { readForm } from '@tsgi/query'
import type { Route } from '@tsgi/router'
import { accountForm, layout } from './pages.js'
import { authenticate, createUser } from './users.js'
import { type Context, handler, htmlReply, type Reply, redirect, type Settings, takeFlash } from './web.js'

/** A sign-up or log-in form is a few short fields; anything bigger is a 413. */
const FORM_LIMIT = 16 * 1024

/**
 * Sign up, log in, log out. Logging in (and signing up, which logs in) regenerates the session, so
 * an id planted in the browser beforehand (session fixation) is worth nothing; logging out destroys it.
 */
export function accountRoutes(settings: Settings): Route[] {
  return [
    ['/signup', handler(settings, async (c) => formPage(c, 'signup', 200)), ['GET']],
    ['/signup', handler(settings, signup), ['POST']],
    ['/login', handler(settings, async (c) => formPage(c, 'login', 200)), ['GET']],
    ['/login', handler(settings, login), ['POST']],
    ['/logout', handler(settings, logout), ['POST']],
  ]
}

async function signup(context: Context): Promise<Reply> {
  const { name, password } = await fields(context)
  try {
    const user = await createUser(context.db, name, password)
    logIn(context, user)
    return redirect(context, '/', `Welcome, ${user.name}!`)
  } catch (error) {
    // A taken name or a short password: the form again, with what was wrong and the name kept.
    if (isHTTPError(error) && error.status < 500) return formPage(context, 'signup', error.status, error.message, name)
    throw error
  }
}

async function login(context: Context): Promise<Reply> {
  const { name, password } = await fields(context)
  const user = await authenticate(context.db, name, password)
  if (user === undefined) return formPage(context, 'login', 403, 'Wrong name or password', name)
  logIn(context, user)
  return redirect(context, '/', `Logged in as ${user.name}`)
}

async function logout(context: Context): Promise<Reply> {
  context.session.destroy()
  return redirect(context, '/')
}

function logIn(context: Context, user: { id: number; name: string }): void {
  context.session.regenerate()
  context.session.set('user', { id: user.id, name: user.name })
}

async function fields(context: Context): Promise<{ name: string; password: string }> {
  const form = await readForm(context.environ, { limit: FORM_LIMIT })
  return { name: (form.name?.[0] ?? '').trim(), password: form.password?.[0] ?? '' }
}

function formPage(context: Context, action: 'signup' | 'login', status: number, error?: string, name = ''): Reply {
  const title = action === 'signup' ? 'Sign up' : 'Log in'
  return htmlReply(status, layout(context, title, accountForm(context, action, name), error ?? takeFlash(context)))
}
