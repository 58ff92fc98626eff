import { type App, describeValue, isHeaderName, isHeaderValue, transform, withHeader } from '@tsgi/core'

declare module '@tsgi/core' {
  interface EnvironExtensions {
    /** Set by `requestId()` (spec §2.4.5, in place, its own key): the id of this request. */
    'tsgi.request_id'?: string
  }
}

/** Options for {@link requestId}. */
export interface RequestIdOptions {
  /**
   * The request header read for an incoming id, and the response header the id is sent in.
   * @default 'x-request-id'
   */
  header?: string
  /**
   * Makes a new id; it must return a valid header value of at most 200 characters.
   * @default crypto.randomUUID
   */
  generate?: () => string
  /**
   * Whether an id the client (or a proxy in front) sent is kept, when it is 1 to 200 characters
   * from `A-Z a-z 0-9 - _ . : @ + = /`. Anything else is replaced by a new id, so a forged value
   * cannot reach logs or responses. Turn it off when the app is reached directly by clients you
   * do not trust to choose ids.
   * @default true
   */
  trustIncoming?: boolean
}

const VALID_ID = /^[A-Za-z0-9\-_.:@+=/]{1,200}$/

/**
 * Gives every request an id (after Rails' `ActionDispatch::RequestId` and Heroku's router): the
 * incoming `x-request-id` when it is trusted and well formed, else a new `crypto.randomUUID()`.
 * The id is put in the environ as `tsgi.request_id`, for logs and calls to other services, and
 * sent back in the same response header.
 *
 * @throws {TypeError} if `app` is not a function or an option has the wrong type.
 * @example
 * const app = requestId(routes) // environ['tsgi.request_id'] in the app; x-request-id on the response
 */
export function requestId(app: App, options: RequestIdOptions = {}): App {
  if (typeof app !== 'function') throw new TypeError(`requestId(): app must be a function, got ${describeValue(app)}`)
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`requestId(): options must be an object, got ${describeValue(options)}`)
  }
  const { header = 'x-request-id', generate = () => crypto.randomUUID(), trustIncoming = true } = options
  if (typeof header !== 'string' || !isHeaderName(header)) {
    throw new TypeError(`requestId(): options.header must be a header name, got ${describeValue(header)}`)
  }
  if (typeof generate !== 'function') {
    throw new TypeError(`requestId(): options.generate must be a function, got ${describeValue(generate)}`)
  }
  if (typeof trustIncoming !== 'boolean') {
    throw new TypeError(`requestId(): options.trustIncoming must be a boolean, got ${describeValue(trustIncoming)}`)
  }
  const key = `HTTP_${header.toUpperCase().replaceAll('-', '_')}` as const
  const tagged = transform(app, {
    start: (status, headers, _excInfo, environ) => [
      status,
      withHeader(headers, header, environ['tsgi.request_id'] as string),
    ],
  })

  return function requestId(environ, startResponse) {
    const incoming = trustIncoming ? environ[key] : undefined
    const id = incoming !== undefined && VALID_ID.test(incoming) ? incoming : newId(generate)
    // Its own key, set in place just before the inner call (spec §2.4.5): no copy per request.
    environ['tsgi.request_id'] = id
    return tagged(environ, startResponse)
  }
}

function newId(generate: () => string): string {
  const id = generate()
  if (typeof id !== 'string' || id === '' || id.length > 200 || !isHeaderValue(id)) {
    throw new TypeError(
      `requestId(): options.generate must return a header value of 1 to 200 characters, got ${describeValue(id)}`,
    )
  }
  return id
}
