import { createHash } from 'node:crypto'
import { type ClientRequest, request } from 'node:http'
import type { App } from '@tsgi/core'
import { type MultipartLimits, parts } from '@tsgi/multipart'
import { parseQs } from '@tsgi/query'

const encoder = new TextEncoder()

/** What the upload app answers for each part. */
export interface PartSummary {
  name: string
  filename: string | undefined
  contentType: string
  size: number
  sha256: string
  text?: string
}

const FORM = `<!doctype html><meta charset="utf-8"><title>upload</title>
<form method="post" action="/upload" enctype="multipart/form-data">
<input name="title" value="Caf\u00e9 \u201cquotes\u201d"><textarea name="notes">line 1
line 2</textarea><input type="file" name="files" multiple><input type="file" name="empty">
<button>send</button></form>`

/**
 * GET / is an upload form; POST /upload reads the body with `parts()` (limits from the query
 * string, e.g. `?fileSize=10`) and answers a JSON summary of every part: sizes and SHA-256
 * digests, and the text of fields.
 */
export const uploadApp: App = async (environ, startResponse) => {
  if (environ.REQUEST_METHOD === 'GET') {
    startResponse('200 OK', [['content-type', 'text/html; charset=utf-8']])
    return [encoder.encode(FORM)]
  }
  const limits: MultipartLimits = {}
  for (const [key, [value]] of Object.entries(parseQs(environ.QUERY_STRING))) {
    limits[key as keyof MultipartLimits] = Number(value)
  }
  const seen: PartSummary[] = []
  for await (const part of parts(environ, limits)) {
    const hash = createHash('sha256')
    let size = 0
    let text = ''
    const decoder = new TextDecoder()
    for await (const chunk of part) {
      hash.update(chunk)
      size += chunk.length
      if (part.filename === undefined) text += decoder.decode(chunk, { stream: true })
    }
    const summary: PartSummary = {
      name: part.name,
      filename: part.filename,
      contentType: part.contentType,
      size,
      sha256: hash.digest('hex'),
    }
    if (part.filename === undefined) summary.text = text + decoder.decode()
    seen.push(summary)
  }
  startResponse('200 OK', [['content-type', 'application/json']])
  return [encoder.encode(JSON.stringify(seen))]
}

/** The SHA-256 of some bytes, as the app reports it. */
export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex')

/** A POST to `/upload` of the server at `url` with boundary `b`, left open for the test to write to. */
export function openUpload(url: string, headers: Record<string, string>): ClientRequest {
  const { port } = new URL(url)
  return request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/upload',
    headers: { 'content-type': 'multipart/form-data; boundary=b', ...headers },
  })
}
