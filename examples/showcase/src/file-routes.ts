import { BadRequest, isHTTPError, UnprocessableEntity } from '@tsgi/core'
import { MultipartLimitError, type Part, parts } from '@tsgi/multipart'
import { queryOf } from '@tsgi/query'
import type { Route } from '@tsgi/router'
import { conditional } from '@tsgi/static'
import { completeFile, deleteFile, discardFile, fileContent, getFile, listFiles, storeFile } from './files.js'
import { boardPage, formatSize, layout, uploadForm } from './pages.js'
import type { User } from './users.js'
import { type Context, handler, htmlReply, type Reply, redirect, type Settings, takeFlash } from './web.js'

const MAX_DESCRIPTION = 1000

/** The board (list and search), upload, download and delete. */
export function fileRoutes(settings: Settings): Route[] {
  return [
    ['/', handler(settings, board), ['GET']],
    ['/upload', handler(settings, uploadPage), ['GET']],
    ['/upload', handler(settings, upload), ['POST']],
    // conditional(): a download whose ETag (the content's SHA-256) the browser has is a 304, its body unread.
    ['/files/:id{/:name}', conditional(handler(settings, download), { etag: false }), ['GET']],
    ['/files/:id/delete', handler(settings, remove), ['POST']],
  ]
}

async function board(context: Context): Promise<Reply> {
  const search = (queryOf(context.environ).q?.[0] ?? '').trim().slice(0, 200) // parsed once; 400 past 1000 fields
  const files = await listFiles(context.db, { search })
  const title = search === '' ? 'Files' : `Files matching “${search}”`
  return htmlReply(200, layout(context, title, boardPage(context, files, search), takeFlash(context)))
}

async function uploadPage(context: Context): Promise<Reply> {
  if (context.user === undefined) return redirect(context, '/login', 'Log in to upload files')
  return htmlReply(200, layout(context, 'Upload a file', uploadForm(context, context.maxFileSize), takeFlash(context)))
}

/**
 * Reads the form part by part with `@tsgi/multipart`: the description (a small field) as text, the
 * file streamed straight into the database in chunks. A limit exceeded, a missing file or a client
 * gone midway leaves nothing stored.
 */
async function upload(context: Context): Promise<Reply> {
  const user = context.user
  if (user === undefined) return redirect(context, '/login', 'Log in to upload files')
  let description = ''
  let stored: { id: number; size: number } | undefined
  try {
    const limits = { fileSize: context.maxFileSize, files: 1, fields: 4, fieldSize: 4 * MAX_DESCRIPTION }
    for await (const part of parts(context.environ, limits)) {
      if (part.name === 'description' && part.filename === undefined) description = (await part.text()).trim()
      else if (part.name === 'file' && part.filename !== undefined) stored = await store(context, user, part)
    }
    if (stored === undefined) throw new UnprocessableEntity('Choose a file to upload')
    if (description.length > MAX_DESCRIPTION) {
      throw new UnprocessableEntity(`A description is at most ${MAX_DESCRIPTION} characters`)
    }
    await completeFile(context.db, stored.id, description)
  } catch (error) {
    if (stored !== undefined) await discardFile(context.db, stored.id)
    if (!isHTTPError(error) || error.status >= 500) throw error
    const message = error instanceof MultipartLimitError ? limitMessage(error, context.maxFileSize) : error.message
    const form = uploadForm(context, context.maxFileSize, description)
    return htmlReply(error.status, layout(context, 'Upload a file', form, message))
  }
  return redirect(context, '/', `Uploaded ${formatSize(stored.size)}`)
}

async function store(context: Context, user: User, part: Part): Promise<{ id: number; size: number }> {
  // A browser sends an empty file name when no file was chosen; old ones send a whole path. The
  // name is cut by code points, never inside a surrogate pair (a lone half breaks encodeURIComponent).
  const label = (part.filename ?? '').replace(/^.*[\\/]/, '').replace(/\p{Cc}/gu, '')
  const name = Array.from(label).slice(0, 255).join('')
  if (name === '') throw new UnprocessableEntity('Choose a file to upload')
  return storeFile(context.db, { ownerId: user.id, name, contentType: part.contentType.slice(0, 255) }, part)
}

function limitMessage(error: MultipartLimitError, maxFileSize: number): string {
  if (error.limit === 'fileSize') return `The file is larger than ${formatSize(maxFileSize)}`
  if (error.limit === 'fieldSize') return `A description is at most ${MAX_DESCRIPTION} characters`
  return error.message
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
