import type { PGlite } from '@electric-sql/pglite'
import { type App, type Body, type Environ, type HeaderList, statusLine } from '@tsgi/core'
import { routingArgs } from '@tsgi/router'
import { cspNonce } from '@tsgi/secure-headers'
import { type Session, sessionOf } from '@tsgi/session'
import type { Markup } from './html.js'
import type { User } from './users.js'

/** What every handler gets: the request, its session and user, the database, and where the app is mounted. */
export interface Context {
  readonly environ: Environ
  /** The matched route's named parameters. */
  readonly params: Readonly<Record<string, string | undefined>>
  readonly db: PGlite
  readonly session: Session
  /** The logged-in user, from the session, or `undefined`. */
  readonly user: User | undefined
  /** The CSP nonce of this response, for its `<script>` elements. */
  readonly nonce: string
  /** `SCRIPT_NAME`: links and redirects are made under it, so the app works mounted anywhere. */
  readonly base: string
  /** The maximum upload size in bytes. */
  readonly maxFileSize: number
}

/** What a handler returns: a status, headers, and a tsgi body (an array, or a stream). */
export interface Reply {
  readonly status: number
  readonly headers: HeaderList
  readonly body: Body
}

/** A handler: a context in, a reply out. Throwing an `HTTPError` makes an error page. */
export type Handler = (context: Context) => Promise<Reply>

/** Settings shared by every handler of one app. */
export interface Settings {
  readonly db: PGlite
  readonly maxFileSize: number
}

const encoder = new TextEncoder()

/**
 * Adapts a handler to a tsgi app: it builds the {@link Context} (loading the session, which
 * `@tsgi/session` does once per request) and turns the {@link Reply} into `startResponse` and a body.
 *
 * @example
 * const about = handler(settings, async () => htmlReply(200, html`<p>About</p>`))
 */
export function handler(settings: Settings, handle: Handler): App {
  return async function showcaseHandler(environ, startResponse) {
    const session = await sessionOf(environ)
    const context: Context = {
      environ,
      params: routingArgs(environ)[1],
      db: settings.db,
      session,
      user: session.get<User>('user'),
      nonce: cspNonce(environ),
      base: environ.SCRIPT_NAME,
      maxFileSize: settings.maxFileSize,
    }
    const reply = await handle(context)
    startResponse(statusLine(reply.status), reply.headers)
    return reply.body
  }
}

/** An HTML reply; pages are never cached (they show who is logged in). */
export function htmlReply(status: number, page: Markup, headers: HeaderList = []): Reply {
  const body = encoder.encode(page.text)
  return {
    status,
    headers: [
      ['content-type', 'text/html; charset=utf-8'],
      ['content-length', String(body.length)],
      ['cache-control', 'no-store'],
      ...headers,
    ],
    body: [body],
  }
}

/**
 * A 303 See Other to a path of this app (after a form post: the browser then GETs it, so a reload
 * does not post twice), with an optional message shown once on the next page.
 */
export function redirect(context: Context, path: string, flash?: string): Reply {
  if (flash !== undefined) context.session.set('flash', flash)
  return { status: 303, headers: [['location', `${context.base}${path}`]], body: [] }
}

/** The message a {@link redirect} left for this page, taken from the session (so it shows once). */
export function takeFlash(context: Context): string | undefined {
  const flash = context.session.get<string>('flash')
  if (flash !== undefined) context.session.delete('flash')
  return flash
}
