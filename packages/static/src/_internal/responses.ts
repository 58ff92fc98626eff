import type { Body, Environ, HeaderList, StartResponse } from '@tsgi/core'

// The small fixed answers. Header lists are shared and never mutated once passed on (spec §4.3).
const encoder = new TextEncoder()
const TEXT = ['content-type', 'text/plain; charset=utf-8'] as const
const NOT_FOUND_BODY = encoder.encode('Not Found\n')
const NOT_FOUND: HeaderList = [TEXT]
const METHOD_NOT_ALLOWED_BODY = encoder.encode('Method Not Allowed\n')
const METHOD_NOT_ALLOWED: HeaderList = [TEXT, ['allow', 'GET, HEAD']]
const PRECONDITION_FAILED_BODY = encoder.encode('Precondition Failed\n')
const PRECONDITION_FAILED: HeaderList = [TEXT]
const RANGE_NOT_SATISFIABLE_BODY = encoder.encode('Range Not Satisfiable\n')

export function notFound(_environ: Environ, startResponse: StartResponse): Body {
  startResponse('404 Not Found', NOT_FOUND)
  return [NOT_FOUND_BODY]
}

/** RFC 9110 §15.5.6: a 405 lists the methods that would work in `Allow`. */
export function methodNotAllowed(_environ: Environ, startResponse: StartResponse): Body {
  startResponse('405 Method Not Allowed', METHOD_NOT_ALLOWED)
  return [METHOD_NOT_ALLOWED_BODY]
}

export function preconditionFailed(startResponse: StartResponse): Body {
  startResponse('412 Precondition Failed', PRECONDITION_FAILED)
  return [PRECONDITION_FAILED_BODY]
}

/** RFC 9110 §15.5.17: a 416 to a byte range says the current length as `bytes *\/length`. */
export function rangeNotSatisfiable(startResponse: StartResponse, size: number): Body {
  startResponse('416 Range Not Satisfiable', [TEXT, ['content-range', `bytes */${size}`], ['accept-ranges', 'bytes']])
  return [RANGE_NOT_SATISFIABLE_BODY]
}

/**
 * The headers of a 304 (RFC 9110 §15.4.5): those a 200 would carry, less the representation's
 * `Content-*` fields (`Content-Location` stays), which describe a body that is not sent.
 */
export function notModifiedHeaders(headers: HeaderList): HeaderList {
  return headers.filter(([name]) => {
    const lower = name.toLowerCase()
    return !lower.startsWith('content-') || lower === 'content-location'
  })
}

/**
 * Redirects a directory asked for without its slash to the same path with it (301), the mount
 * prefix and the query kept. The Location is a path, never a URL built from `Host`, and it
 * always starts with exactly one `/`: `//evil.example/` would be another host (RFC 3986 §4.2).
 */
export function directoryRedirect(environ: Environ, startResponse: StartResponse): Body {
  const path = `${environ.SCRIPT_NAME}${environ.PATH_INFO}/`.replace(/^\/+/, '/')
  const query = environ.QUERY_STRING
  const location = `${quotePath(path)}${query ? `?${query}` : ''}`
  startResponse('301 Moved Permanently', [
    ['location', location],
    ['content-type', 'text/plain; charset=utf-8'],
  ])
  return [encoder.encode(`Moved Permanently: ${location}\n`)]
}

/** Percent-encodes a decoded path for a URL: encodeURI, plus `?` and `#`, which it leaves. */
function quotePath(path: string): string {
  return encodeURI(path).replaceAll('?', '%3F').replaceAll('#', '%23')
}
