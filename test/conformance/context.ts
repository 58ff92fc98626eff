import type { App, ErrorStream } from '@tsgi/core'
import { afterEach } from 'vitest'

/** Options the suite passes to the adapter under test; an adapter maps them to its own. */
export interface ServeAppOptions {
  /** The body limit to enforce (spec §6.4); when absent, the adapter's default. */
  maxBodySize?: number
  /** Where `tsgi.errors` writes go. */
  errors?: ErrorStream
}

/** A running server of the adapter under test. */
export interface ServedApp {
  url: string
  close(): Promise<void>
}

/** Serves an app on 127.0.0.1 on a free port; what the suite is given for each adapter. */
export type ServeApp = (app: App, options: ServeAppOptions) => Promise<ServedApp>

/**
 * Behaviours an adapter may be unable to give because of what sits in front of it (a fetch
 * bridge, a platform), each with the reason; their tests are skipped for that adapter, visibly.
 */
export type Feature =
  /** The adapter sees the request path as sent, so escaped dot segments can be refused (spec §2.5). */
  | 'raw-path'
  /** The adapter decides when `100 Continue` goes out (spec §6.3). */
  | 'expect-continue'
  /** The status line's reason phrase reaches the client as given (spec §4.1). */
  | 'reason-phrase'
  /** The server counts request header fields and answers 431 past its limit (spec §6.4). */
  | 'header-count-limit'
  /** The adapter knows the local address the request arrived on, for SERVER_NAME/SERVER_PORT (spec §2.2.7). */
  | 'server-address'
  /** The adapter sees repeated header fields one by one, so it can keep the first Content-Type (spec §2.2.5). */
  | 'separate-fields'
  /** The adapter sees the asterisk-form target `*` (spec §2.5.3.1). */
  | 'asterisk-form'
  /** The adapter sees the request's Transfer-Encoding and refuses codings it cannot decode (spec §6.2.4). */
  | 'transfer-codings'
  /** The adapter enforces a maximum request body size (spec §6.4). */
  | 'body-limit'
  /** The adapter knows the client's port, for REMOTE_PORT (spec §2.2). */
  | 'peer-port'
  /** The adapter parses the request head: malformed heads get a 400, heads over 16 KiB a 431 (spec §6.4). */
  | 'request-parsing'
  /** The adapter sees a broken chunked request body as broken, so the app's read rejects (spec §3.1). */
  | 'request-body-errors'
  /**
   * The adapter frames the response itself: chunked for a streamed body, the head sent before the
   * body ends, the connection cut when a body breaks its Content-Length or fails (spec §5.5, §6.1, §6.2).
   */
  | 'response-framing'

/** What the adapter cannot do, and why. */
export type Unsupported = Partial<Record<Feature, string>>

/** Per-test servers, closed after each test, and a capture of `tsgi.errors`. */
export interface Context {
  /** Whether the adapter under test can show `feature`. */
  supports(feature: Feature): boolean
  /** Serves `app` for this test only and returns its URL. */
  serve(app: App, options?: ServeAppOptions): Promise<string>
  /** A `tsgi.errors` stream whose text the test can read. */
  errorLog(): ErrorStream & { readonly text: string }
}

export function context(serveApp: ServeApp, unsupported: Unsupported = {}): Context {
  const open: ServedApp[] = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()))
  })
  return {
    supports: (feature) => unsupported[feature] === undefined,
    async serve(app, options = {}) {
      const served = await serveApp(app, options)
      open.push(served)
      return served.url
    },
    errorLog() {
      let text = ''
      return {
        write(chunk: string) {
          text += chunk
        },
        get text() {
          return text
        },
      }
    },
  }
}

export const encoder = new TextEncoder()

/** An app that answers 200 with `text`. */
export function textApp(text: string): App {
  return (_environ, startResponse) => {
    startResponse('200 OK', [['content-type', 'text/plain']])
    return [encoder.encode(text)]
  }
}
