import type { App, Body, Environ, StartResponse } from '@tsgi/core'
import { fileResponse } from './_internal/file-response.js'
import { locate } from './_internal/locate.js'
import { directoryRedirect, methodNotAllowed, notFound } from './_internal/responses.js'
import { safePath } from './_internal/safe-path.js'
import { type ServeStaticOptions, type StaticSettings, staticSettings } from './serve-static-options.js'

/**
 * Serves the files below `root` for GET and HEAD: mount it (`mount('/assets', serveStatic(…))`)
 * or give it a `cascade` app to fall through to on a miss.
 *
 * - **Only files inside `root`.** `PATH_INFO` (already decoded, spec §2.5) is checked before it
 *   touches the file system: `.`/`..` and empty segments, `\`, control characters, drive letters
 *   and dotfiles are misses; the joined path is resolved, links included, and must stay inside the
 *   root (unless `followSymlinks`). A miss is a 404 (405 for other methods) or the `cascade` app.
 * - **Directories** without their slash are redirected (301, mount prefix and query kept); with it,
 *   the `index` files are served. There are no listings.
 * - **Conditional requests** in RFC 9110 §13.2.2's order (the same evaluation as
 *   {@link conditional}), strong ETags, `Last-Modified`, `Cache-Control`.
 * - **One byte range** per request (206, or 416 with `Content-Range: bytes *\/size`), honouring
 *   `If-Range`; several disjoint ranges get the whole file (200).
 * - **Content-Length** is always sent; HEAD sends GET's headers and no body.
 * - **Streaming:** files over 64 KiB are read in 64 KiB chunks as the client takes them; the file is
 *   closed on every path, the client leaving mid-file included.
 *
 * @throws {TypeError} if `root` is not a string or an option is invalid.
 * @throws {RangeError} if `root` does not exist or is not a directory (relative roots are resolved
 *   against the working directory once, here).
 * @example
 * const app = router([
 *   ['/assets{/*path}', mount('/assets', serveStatic('./public', { maxAge: 3600 }))],
 *   ['/', home],
 * ])
 */
export function serveStatic(root: string, options: ServeStaticOptions = {}): App {
  const settings = staticSettings(root, options)
  const miss = settings.cascade ?? notFound
  const wrongMethod = settings.cascade ?? methodNotAllowed

  return function serveStatic(environ, startResponse) {
    const method = environ.REQUEST_METHOD
    if (method !== 'GET' && method !== 'HEAD') return wrongMethod(environ, startResponse)
    const target = safePath(environ.PATH_INFO, settings.allowDotfiles, settings.keep)
    if (target === undefined) return miss(environ, startResponse)
    // The mount point itself (`/assets`): its relative links need the slash (spec §2.6.4). After
    // shiftPathInfo shifted a trailing slash, SCRIPT_NAME ends with it (spec §2.6.6): no redirect.
    const script = environ.SCRIPT_NAME
    if (environ.PATH_INFO === '' && script !== '' && !script.endsWith('/'))
      return directoryRedirect(environ, startResponse)
    return serveFile(settings, environ, startResponse, target)
  }
}

async function serveFile(
  settings: StaticSettings,
  environ: Environ,
  startResponse: StartResponse,
  target: NonNullable<ReturnType<typeof safePath>>,
): Promise<Body> {
  const found = await locate(settings, target, environ)
  if (found === 'directory') return directoryRedirect(environ, startResponse)
  if (found === undefined) return (settings.cascade ?? notFound)(environ, startResponse)
  return fileResponse(settings, environ, startResponse, found)
}
