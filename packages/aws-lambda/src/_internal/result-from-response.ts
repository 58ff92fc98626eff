import type { LambdaResult } from '../lambda-result.js'
import type { EventKind } from './request-from-event.js'

/** Content types sent as text; everything else, and anything with a Content-Encoding, goes base64. */
export function isTextType(contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  return (
    type.startsWith('text/') ||
    /^application\/(?:json|javascript|xml|x-www-form-urlencoded|graphql)$/.test(type) ||
    /\+(?:json|xml)$/.test(type) ||
    type === 'image/svg+xml'
  )
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Encodes the body as the integration wants it: text for a text type that is valid UTF-8, base64
 * otherwise (binary media types in API Gateway, or any content with a Content-Encoding).
 */
/** A body as the integration carries it. */
export interface EncodedBody {
  body: string
  isBase64Encoded: boolean
}

export function encodeBody(bytes: Uint8Array, headers: Headers, isText: (type: string) => boolean): EncodedBody {
  if (bytes.byteLength === 0) return { body: '', isBase64Encoded: false }
  if (!headers.has('content-encoding') && isText(headers.get('content-type') ?? '')) {
    try {
      return { body: utf8.decode(bytes), isBase64Encoded: false }
    } catch {
      // Not UTF-8 after all: base64 keeps the bytes.
    }
  }
  return {
    body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    isBase64Encoded: true,
  }
}

/** The result in the shape of the integration that sent the event. */
export function resultFromResponse(
  kind: EventKind,
  multiValue: boolean,
  response: Response,
  encoded: EncodedBody,
): LambdaResult {
  const { status, statusText } = response
  if (kind === 'http-v2') {
    const headers: Record<string, string> = {}
    for (const [name, value] of response.headers) if (name !== 'set-cookie') headers[name] = value
    return { statusCode: status, headers, cookies: response.headers.getSetCookie(), ...encoded }
  }
  const description = kind === 'alb' ? { statusDescription: `${status} ${statusText || 'Status'}` } : {}
  if (multiValue) {
    const multiValueHeaders: Record<string, string[]> = {}
    for (const [name, value] of response.headers) {
      if (name !== 'set-cookie') multiValueHeaders[name] = [value]
    }
    const cookies = response.headers.getSetCookie()
    if (cookies.length > 0) multiValueHeaders['set-cookie'] = cookies
    return { statusCode: status, ...description, multiValueHeaders, ...encoded }
  }
  // An ALB without multi-value headers takes one value per name: Set-Cookie keeps only the last.
  const headers: Record<string, string> = {}
  for (const [name, value] of response.headers) if (name !== 'set-cookie') headers[name] = value
  const cookie = response.headers.getSetCookie().at(-1)
  if (cookie !== undefined) headers['set-cookie'] = cookie
  return { statusCode: status, ...description, headers, ...encoded }
}
