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

/** Per-test servers, closed after each test, and a capture of `tsgi.errors`. */
export interface Context {
  /** Serves `app` for this test only and returns its URL. */
  serve(app: App, options?: ServeAppOptions): Promise<string>
  /** A `tsgi.errors` stream whose text the test can read. */
  errorLog(): ErrorStream & { readonly text: string }
}

export function context(serveApp: ServeApp): Context {
  const open: ServedApp[] = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()))
  })
  return {
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
