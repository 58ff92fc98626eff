// The demo's upload page: one form in each encoding, both answered by one handler that picks
// readForm (@tsgi/query) or readMultipart (@tsgi/multipart) by the content type. Files are
// streamed and counted, never stored; everything shown is escaped.

import { parseContentType } from '@tsgi/core'
import { readMultipart } from '@tsgi/multipart'
import { readForm } from '@tsgi/query'

const encoder = new TextEncoder()

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

const form = (enctype, file) => `<form method="post" enctype="${enctype}">
  <p><label>Name <input name="name" value="Ada"></label> <label>Note <input name="note"></label>
  ${file ? '<label>Files <input type="file" name="files" multiple></label>' : ''}
  <button>Send as ${enctype}</button></p>
</form>`

const page = encoder.encode(`<!doctype html>
<meta charset="utf-8"><title>Uploads</title>
<h1>Forms and uploads</h1>
${form('application/x-www-form-urlencoded', false)}
${form('multipart/form-data', true)}
<p>Limits: 5 files of at most 5 MiB each; more is a 413 naming the limit.</p>
`)

/** GET shows the two forms; POST answers with the fields and, for multipart, each file's size. */
export async function uploadApp(environ, startResponse) {
  if (environ.REQUEST_METHOD !== 'POST') {
    startResponse('200 OK', [['content-type', 'text/html; charset=utf-8']])
    return [page]
  }
  const multipart = parseContentType(environ.CONTENT_TYPE)?.type === 'multipart/form-data'
  const { fields, files } = multipart
    ? await readMultipart(environ, {
        files: 5,
        fileSize: 5 * 1024 * 1024,
        onFile: async (file) => {
          let size = 0
          for await (const chunk of file) size += chunk.length
          return `${file.filename} (${file.contentType}, ${size} bytes)`
        },
      })
    : { fields: await readForm(environ), files: {} }
  const rows = [
    ...Object.entries(fields).map(
      ([name, values]) => `<li>${escapeHtml(name)} = ${escapeHtml(values.join(', '))}</li>`,
    ),
    ...Object.entries(files).map(([name, list]) => `<li>${escapeHtml(name)}: ${escapeHtml(list.join('; '))}</li>`),
  ]
  startResponse('200 OK', [['content-type', 'text/html; charset=utf-8']])
  return [
    encoder.encode(`<!doctype html><meta charset="utf-8"><title>Received</title>
<p>Received as ${multipart ? 'multipart/form-data' : 'application/x-www-form-urlencoded'}:</p><ul>${rows.join('')}</ul>
<p><a href="./">Again</a></p>`),
  ]
}
