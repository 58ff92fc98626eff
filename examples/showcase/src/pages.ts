import type { StoredFile } from './files.js'
import { html, type Markup } from './html.js'
import type { User } from './users.js'

/** What the layout needs from the request. */
export interface PageContext {
  readonly base: string
  readonly nonce: string
  /** The logged-in user; `null` when not known (an error page), which leaves the account links out. */
  readonly user: User | undefined | null
}

/**
 * The frame of every page: the stylesheet and script from `/assets` (`@tsgi/static`), the script
 * carrying this response's CSP nonce, the navigation, and a message in a `role=status` box.
 */
export function layout(context: PageContext, title: string, main: Markup, message?: string): Markup {
  const { base, nonce, user } = context
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · tsgi board</title>
<link rel="stylesheet" href="${base}/assets/style.css">
<script src="${base}/assets/app.js" nonce="${nonce}" defer></script>
</head>
<body>
<header>
  <a class="brand" href="${base}/">tsgi board</a>
  <nav>${
    user === null
      ? ''
      : user === undefined
        ? html`<a href="${base}/login">Log in</a> <a href="${base}/signup">Sign up</a>`
        : html`<span class="who">${user.name}</span> <a href="${base}/upload">Upload</a>
    <form method="post" action="${base}/logout"><button type="submit">Log out</button></form>`
  }</nav>
</header>
<main>
${message === undefined ? '' : html`<p class="message" role="status">${message}</p>`}
<h1>${title}</h1>
${main}
</main>
</body>
</html>
`
}

/** The board: the search box and the files, each with its download link and, for its owner, a delete button. */
export function boardPage(context: PageContext, files: readonly StoredFile[], search: string): Markup {
  const { base, user } = context
  const rows = files.map(
    (file) => html`<li class="file">
  <a class="download" href="${base}/files/${file.id}/${encodeURIComponent(file.name)}">${file.name}</a>
  <span class="size">${formatSize(file.size)}</span>
  <span class="by">by ${file.owner}, ${file.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</span>
  ${file.description === '' ? '' : html`<p class="description">${file.description}</p>`}
  ${
    user?.id === file.ownerId
      ? html`<form method="post" action="${base}/files/${file.id}/delete"><button type="submit" class="delete">Delete</button></form>`
      : ''
  }
</li>`,
  )
  return html`<form class="search" method="get" action="${base}/">
  <input type="search" name="q" value="${search}" placeholder="Search names and descriptions" aria-label="Search">
  <button type="submit">Search</button>
</form>
${
  files.length === 0
    ? html`<p class="empty">${search === '' ? 'No files yet.' : html`Nothing matches “${search}”.`}</p>`
    : html`<ul class="files">${rows}</ul>`
}`
}

/** The sign-up and log-in forms: the same fields, a different action. */
export function accountForm(context: PageContext, action: 'signup' | 'login', name = ''): Markup {
  const { base } = context
  const signup = action === 'signup'
  return html`<form class="account" method="post" action="${base}/${action}">
  <label>Name <input name="name" value="${name}" required minlength="3" maxlength="32" pattern="[A-Za-z0-9_-]+" autocomplete="username"></label>
  <label>Password <input name="password" type="password" required ${signup ? html`minlength="8"` : ''} autocomplete="${signup ? 'new-password' : 'current-password'}"></label>
  <button type="submit">${signup ? 'Sign up' : 'Log in'}</button>
</form>
<p>${signup ? html`Have an account? <a href="${base}/login">Log in</a>` : html`New here? <a href="${base}/signup">Sign up</a>`}</p>`
}

/** The upload form: multipart, the description before the file (it is read first, then the file is streamed). */
export function uploadForm(context: PageContext, maxFileSize: number, description = ''): Markup {
  return html`<form class="upload" method="post" action="${context.base}/upload" enctype="multipart/form-data" data-max-size="${maxFileSize}">
  <label>Description <textarea name="description" maxlength="1000" rows="3">${description}</textarea></label>
  <label>File <input type="file" name="file" required></label>
  <p class="hint">At most ${formatSize(maxFileSize)}.</p>
  <output class="chosen"></output>
  <button type="submit">Upload</button>
</form>`
}

/** `5242880` → `5.0 MiB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit]}`
}
