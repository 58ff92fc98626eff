import { BadRequest } from '@tsgi/core'
import type { Route } from '@tsgi/router'
import { deleteFile, fileContent, getFile, listFiles } from './files.js'
import { boardPage, layout, uploadForm } from './pages.js'
import { type Context, handler, htmlReply, type Reply, redirect, type Settings, takeFlash } from './web.js'

const _MAX_DESCRIPTION = 1000

/** The board (list and search), upload, download and delete. */
export function fileRoutes(settings: Settings): Route[] {
  return [
    ['/', handler(settings, board), ['GET']],
    ['/upload', handler(settings, uploadPage), ['GET']],
    ['/files/:id{/:name}', handler(settings, download), ['GET']],
    ['/files/:id/delete', handler(settings, remove), ['POST']],
  ]
}

async function board(context: Context): Promise<Reply> {
  const query = new URLSearchParams(context.environ.QUERY_STRING)
  const search = (query.get('q') ?? '').trim().slice(0, 200)
  const files = await listFiles(context.db, { search })
  const title = search === '' ? 'Files' : `Files matching “${search}”`
  return htmlReply(200, layout(context, title, boardPage(context, files, search), takeFlash(context)))
}

async function uploadPage(context: Context): Promise<Reply> {
  if (context.user === undefined) return redirect(context, '/login', 'Log in to upload files')
  return htmlReply(200, layout(context, 'Upload a file', uploadForm(context, context.maxFileSize), takeFlash(context)))
}

/**
 * Streams a file from the database, one chunk per read. It is always sent as an attachment of
 * type `application/octet-stream`, whatever type the uploader claimed: an uploaded HTML page must
 * never run as this site (stored XSS), and `nosniff` (from `@tsgi/secure-headers`) keeps the
 * browser from guessing otherwise.
 */
async function download(context: Context): Promise<Reply> {
  const file = await getFile(context.db, idOf(context))
  return {
    status: 200,
    headers: [
      ['content-type', 'application/octet-stream'],
      ['content-length', String(file.size)],
      ['content-disposition', contentDisposition(file.name)],
      ['etag', `"${file.sha256}"`],
      ['cache-control', 'private, no-cache'],
    ],
    body: fileContent(context.db, file),
  }
}

async function remove(context: Context): Promise<Reply> {
  if (context.user === undefined) return redirect(context, '/login', 'Log in to delete your files')
  const file = await deleteFile(context.db, idOf(context), context.user.id)
  return redirect(context, '/', `Deleted ${file.name}`)
}

function idOf(context: Context): number {
  const id = context.params.id ?? ''
  if (!/^[1-9]\d{0,15}$/.test(id)) throw new BadRequest('A file id is a positive integer')
  return Number(id)
}

/** RFC 6266 §4.3: an ASCII `filename` for old clients, and the real name as RFC 8187 `filename*`. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_')
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
