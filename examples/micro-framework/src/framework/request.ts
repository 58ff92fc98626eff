import { BadRequest, type Environ, readBody, UnsupportedMediaType } from '@tsgi/core'
import { queryOf } from '@tsgi/query'
import { type Session, sessionOf } from '@tsgi/session'

const decoder = new TextDecoder('utf-8', { fatal: true }) // invalid UTF-8 is an error, not U+FFFD

/** What a handler gets: the request, read lazily from the environ. */
export class Request<Params extends object = Record<string, string>> {
  /** The environ, for anything this class does not cover. */
  readonly environ: Environ
  /** The path parameters of the matched route, typed from its pattern. */
  readonly params: Params

  constructor(environ: Environ, params: Params) {
    this.environ = environ
    this.params = params
  }

  /** `GET`, `POST`, … */
  get method(): string {
    return this.environ.REQUEST_METHOD
  }

  /** The path inside the app (`PATH_INFO`), already percent-decoded. */
  get path(): string {
    return this.environ.PATH_INFO
  }

  /** The query as value lists (`?a=1&a=2` → `{ a: ['1', '2'] }`), parsed on first use, once. */
  get query(): Readonly<Record<string, readonly string[]>> {
    return queryOf(this.environ) // a 400 past 1000 fields
  }

  /** A request header by name, in any case, or `undefined`. */
  header(name: string): string | undefined {
    const key = name.toLowerCase()
    // Content-Type and Content-Length are CGI keys, not HTTP_* keys (spec §2.3).
    if (key === 'content-type') return this.environ.CONTENT_TYPE || undefined
    if (key === 'content-length') return this.environ.CONTENT_LENGTH || undefined
    return this.environ[`HTTP_${key.toUpperCase().replaceAll('-', '_')}`]
  }

  /** The session, loaded on first use; the app must be wrapped in `session()` from `@tsgi/session`. */
  session(): Promise<Session> {
    return sessionOf(this.environ)
  }

  /**
   * The body parsed as JSON: a 415 unless it is sent as `application/json`, a 413 past `limit`
   * bytes, a 400 when it is not UTF-8 JSON.
   */
  async json<T = unknown>(limit: number = 64 * 1024): Promise<T> {
    if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(this.environ.CONTENT_TYPE)) {
      throw new UnsupportedMediaType('Send the body as application/json')
    }
    const bytes = await readBody(this.environ, { limit })
    try {
      return JSON.parse(decoder.decode(bytes)) as T
    } catch (error) {
      throw new BadRequest('The body is not valid JSON', { cause: error })
    }
  }
}
