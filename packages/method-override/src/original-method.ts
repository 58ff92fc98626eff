declare module '@tsgi/core' {
  interface EnvironExtensions {
    /**
     * Set by `methodOverride()` on the environ it passes on when it changed `REQUEST_METHOD`:
     * the method the client sent, always `'POST'` (after Rack's
     * `rack.methodoverride.original_method`). Absent when nothing was overridden.
     */
    'tsgi.original_method'?: 'POST'
  }
}

export {}
