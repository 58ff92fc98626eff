/** The environ values {@link proxyFix} replaced, as the server set them (kept under `tsgi.proxy_fix.orig`). */
export interface ProxyFixOriginals {
  readonly REMOTE_ADDR: string | undefined
  readonly 'tsgi.url_scheme': 'http' | 'https'
  readonly HTTP_HOST: string | undefined
  readonly SERVER_NAME: string
  readonly SERVER_PORT: string
  readonly SCRIPT_NAME: string
}

declare module '@tsgi/core' {
  interface EnvironExtensions {
    /**
     * Set by `proxyFix()` (spec §2.4.3) on the copy it passes on when it trusted the peer and
     * rewrote something: the values the server had set, so the proxy's own address stays known.
     */
    'tsgi.proxy_fix.orig'?: ProxyFixOriginals
  }
}
