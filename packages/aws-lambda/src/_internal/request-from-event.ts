/** Which integration sent the event; it decides the shape of the result too. */
export type EventKind = 'rest-v1' | 'http-v2' | 'alb'

/** The parts of a Lambda HTTP event this package reads (API Gateway REST/HTTP, ALB, function URL). */
interface HttpEvent {
  version?: string
  httpMethod?: string
  path?: string
  rawPath?: string
  rawQueryString?: string
  cookies?: string[]
  headers?: Record<string, string | undefined> | null
  multiValueHeaders?: Record<string, string[] | undefined> | null
  queryStringParameters?: Record<string, string | undefined> | null
  multiValueQueryStringParameters?: Record<string, string[] | undefined> | null
  body?: string | null
  isBase64Encoded?: boolean
  requestContext?: {
    elb?: unknown
    stage?: string
    path?: string
    identity?: { sourceIp?: string }
    http?: { method?: string; sourceIp?: string }
  }
}

/** A Lambda event turned into what the fetch adapter serves. */
export interface EventRequest {
  kind: EventKind
  request: Request
  /** `SCRIPT_NAME`: the stage or base path the integration kept in the path. */
  scriptName: string
  remote: { address: string } | undefined
  /** Whether the integration takes multi-value headers back (REST always; ALB when enabled). */
  multiValue: boolean
}

/**
 * Recognises the event (by the fields each integration documents) and rebuilds the request:
 * method, URL (stage or base path kept, query as sent), header fields, cookies and body bytes.
 *
 * @throws {TypeError} for an event that is none of the four kinds, naming the fields it has.
 */
export function requestFromEvent(event: unknown, basePath: string | undefined): EventRequest {
  const kind = eventKind(event)
  const e = event as HttpEvent
  const headers = kind === 'http-v2' ? singleHeaders(e) : multiHeaders(e)
  if (kind === 'http-v2' && e.cookies?.length) headers.set('cookie', e.cookies.join('; '))
  const method = (kind === 'http-v2' ? e.requestContext?.http?.method : e.httpMethod) ?? 'GET'
  const path = kind === 'http-v2' ? (e.rawPath ?? '/') : encodePath(kind, e.path ?? '/')
  const scriptName = basePath ?? stagePrefix(kind, e, path)
  const query = kind === 'http-v2' ? (e.rawQueryString ?? '') : queryString(kind, e)
  const body = bodyBytes(e)
  headers.delete('content-length')
  if (body !== undefined) headers.set('content-length', String(body.byteLength))
  const scheme = headers.get('x-forwarded-proto') === 'http' ? 'http' : 'https'
  const host = headers.get('host') ?? 'localhost'
  // REST's path lacks the stage or base path; HTTP API and ALB paths still hold it.
  const fullPath = kind === 'rest-v1' ? `${scriptName}${path}` : path
  const url = `${scheme}://${host}${fullPath}${query ? `?${query}` : ''}`
  const init: RequestInit = { method, headers }
  if (body !== undefined && method !== 'GET' && method !== 'HEAD') init.body = body
  return {
    kind,
    request: new Request(url, init),
    scriptName,
    remote: remoteAddress(kind, e, headers),
    multiValue: kind === 'rest-v1' || (kind === 'alb' && e.multiValueHeaders != null),
  }
}

function eventKind(event: unknown): EventKind {
  const e = (event ?? {}) as HttpEvent
  if (typeof event === 'object' && event !== null && typeof e.requestContext === 'object' && e.requestContext) {
    if (e.requestContext.elb !== undefined && typeof e.httpMethod === 'string') return 'alb'
    if (e.version === '2.0' && typeof e.requestContext.http?.method === 'string') return 'http-v2'
    if (typeof e.httpMethod === 'string' && typeof e.path === 'string') return 'rest-v1'
  }
  const fields = typeof event === 'object' && event !== null ? Object.keys(event).slice(0, 12).join(', ') : typeof event
  throw new TypeError(
    `toLambdaHandler(): the event is not from API Gateway (REST or HTTP API), an ALB or a function URL; it has ${fields || 'no fields'}`,
  )
}

/** v2 and function URLs join repeated fields with commas already; cookies come apart. */
function singleHeaders(e: HttpEvent): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(e.headers ?? {})) if (value !== undefined) headers.append(name, value)
  return headers
}

/** REST and ALB: multi-value fields when the integration sends them, else the single ones. */
function multiHeaders(e: HttpEvent): Headers {
  if (e.multiValueHeaders == null) return singleHeaders(e)
  const headers = new Headers()
  for (const [name, values] of Object.entries(e.multiValueHeaders)) {
    for (const value of values ?? []) headers.append(name, value)
  }
  return headers
}

/** REST gives the path decoded; ALB passes it as sent. */
function encodePath(kind: EventKind, path: string): string {
  if (kind === 'alb') return path
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')
}

/**
 * REST: the path API Gateway matched (`path`) lacks the stage or base path that
 * `requestContext.path` keeps; HTTP API: a named stage stays at the start of `rawPath`.
 */
function stagePrefix(kind: EventKind, e: HttpEvent, path: string): string {
  if (kind === 'rest-v1') {
    const full = e.requestContext?.path
    if (full === undefined || !full.endsWith(e.path ?? '') || full === e.path) return ''
    const prefix = full.slice(0, full.length - (e.path ?? '').length)
    return prefix === '/' ? '' : encodePath(kind, prefix.replace(/\/$/, ''))
  }
  const stage = e.requestContext?.stage
  if (kind === 'http-v2' && stage && stage !== '$default' && path.startsWith(`/${stage}/`)) return `/${stage}`
  return ''
}

/** REST decodes query values (they are encoded again); ALB passes them as sent. */
function queryString(kind: EventKind, e: HttpEvent): string {
  const encode = kind === 'alb' ? (text: string) => text : encodeURIComponent
  const parts: string[] = []
  if (e.multiValueQueryStringParameters != null) {
    for (const [name, values] of Object.entries(e.multiValueQueryStringParameters)) {
      for (const value of values ?? []) parts.push(`${encode(name)}=${encode(value)}`)
    }
  } else {
    for (const [name, value] of Object.entries(e.queryStringParameters ?? {})) {
      if (value !== undefined) parts.push(`${encode(name)}=${encode(value)}`)
    }
  }
  return parts.join('&')
}

function bodyBytes(e: HttpEvent): Uint8Array | undefined {
  if (e.body == null) return undefined
  return e.isBase64Encoded ? new Uint8Array(Buffer.from(e.body, 'base64')) : new TextEncoder().encode(e.body)
}

/** The client's address: API Gateway's `sourceIp`; behind an ALB, the last X-Forwarded-For hop. */
function remoteAddress(kind: EventKind, e: HttpEvent, headers: Headers): { address: string } | undefined {
  const address =
    kind === 'rest-v1'
      ? e.requestContext?.identity?.sourceIp
      : kind === 'http-v2'
        ? e.requestContext?.http?.sourceIp
        : headers.get('x-forwarded-for')?.split(',').at(-1)?.trim()
  return address ? { address } : undefined
}
