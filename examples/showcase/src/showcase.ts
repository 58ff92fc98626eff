import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { PGlite } from '@electric-sql/pglite'
import { accessLog } from '@tsgi/access-log'
import { compress } from '@tsgi/compress'
import { type App, compose, describeValue, MethodNotAllowed, NotFound } from '@tsgi/core'
import { csrf } from '@tsgi/csrf'
import { exceptionMiddleware } from '@tsgi/exceptions'
import { health } from '@tsgi/health'
import { proxyFix } from '@tsgi/proxy-fix'
import { mount, router } from '@tsgi/router'
import { type ContentSecurityPolicy, NONCE, secureHeaders } from '@tsgi/secure-headers'
import { postgresStore, session } from '@tsgi/session'
import { serveStatic } from '@tsgi/static'
import { accountRoutes } from './account-routes.js'
import { renderErrorPage } from './error-page.js'
import { fileRoutes } from './file-routes.js'

/** Options of {@link showcase}. */
export interface ShowcaseOptions {
  /** The database, opened and migrated by `openDatabase()`. */
  db: PGlite
  /**
   * Secrets that sign the session cookie, newest first, at least 32 bytes each.
   * @default one random secret (sessions end when the process does)
   */
  secrets?: readonly string[]
  /**
   * The largest file an upload may carry, in bytes.
   * @default 67108864 (64 MiB)
   */
  maxFileSize?: number
  /**
   * Where the access log goes, a line at a time (Combined Log Format); `false` for none, where
   * the server writes its own (`tsgi serve`, the demo).
   * @default writes to process.stdout
   */
  log?: ((line: string) => void) | false
  /**
   * Error pages show the stack (development only).
   * @default false
   */
  debug?: boolean
}

const PUBLIC = fileURLToPath(new URL('../public/', import.meta.url))

/**
 * The file-sharing board as one tsgi app: a router of plain handlers, wrapped layer by layer in
 * the tsgi packages. The first layer here is the outermost: a request meets `health` first and
 * the router last; the response goes back out the other way. README.md explains each layer.
 *
 * @throws {TypeError} / {RangeError} for a bad option, at once.
 * @example
 * const app = showcase({ db: await openDatabase('./data'), secrets: [process.env.SECRET] })
 */
export function showcase(options: ShowcaseOptions): App {
  const { db, secrets = [randomBytes(32).toString('base64url')], log, debug = false } = options
  const maxFileSize = options.maxFileSize ?? 64 * 1024 * 1024
  if (typeof db?.query !== 'function') {
    throw new TypeError(`showcase(): options.db must be an open PGlite database, got ${describeValue(db)}`)
  }
  if (!Number.isSafeInteger(maxFileSize) || maxFileSize < 1) {
    throw new RangeError(
      `showcase(): options.maxFileSize must be a positive integer, got ${describeValue(maxFileSize)}`,
    )
  }
  const settings = { db, maxFileSize }
  const routes = router(
    [
      ...fileRoutes(settings),
      ...accountRoutes(settings),
      ['/assets{/*path}', mount('/assets', serveStatic(PUBLIC, { maxAge: 3600 }))],
    ],
    {
      // Thrown, so the exception layer renders them as the board's pages.
      notFound: () => {
        throw new NotFound('There is no such page')
      },
      methodNotAllowed: (allowed) => () => {
        throw new MethodNotAllowed(allowed)
      },
    },
  )
  return compose(
    (app) => health(app, { checks: { database: async () => (await db.query('SELECT 1')).rows.length === 1 } }),
    (app) => proxyFix(app), // X-Forwarded-For and -Proto, from a proxy on this machine or a private network only
    ...(log === false ? [] : [(app: App) => accessLog(app, { format: 'combined', ...(log ? { write: log } : {}) })]),
    (app) => secureHeaders(app, { contentSecurityPolicy: CONTENT_SECURITY_POLICY, frameOptions: 'DENY' }),
    (app) => exceptionMiddleware(app, { debug, render: renderErrorPage }),
    compress,
    csrf,
    (app) => session(app, { secrets, store: postgresStore(db, { table: 'sessions', createTable: false }) }),
  )(routes)
}

/** Scripts only with this response's nonce; everything else from this origin; no framing, no plugins. */
const CONTENT_SECURITY_POLICY: ContentSecurityPolicy = {
  'default-src': ["'self'"],
  'script-src': [NONCE],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
}
