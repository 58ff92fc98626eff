import type { App } from '@tsgi/core'

declare module '@tsgi/core' {
  interface EnvironExtensions {
    /**
     * Set by `serve()` (spec §6.5): aborted when the server starts shutting down, before its drain
     * delay, so a readiness check can report not-ready while requests are still served. The same
     * signal for every request of one server.
     */
    'tsgi.shutdown'?: AbortSignal | undefined
  }
}

/**
 * Puts the server's shutdown signal on each environ it built, before the app sees it. The key is
 * already in the environ's literal (`buildEnviron`), so this assignment keeps its shape (spec §2.1).
 */
export function withShutdownSignal(app: App, signal: AbortSignal): App {
  return function served(environ, startResponse) {
    environ['tsgi.shutdown'] = signal
    return app(environ, startResponse)
  }
}
