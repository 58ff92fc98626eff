declare module '@tsgi/core' {
  interface EnvironExtensions {
    /**
     * Set by `methodOverride()` when it changed `REQUEST_METHOD`: the method the client sent,
     * always `'POST'` (after Rack's `rack.methodoverride.original_method`). Set in place on the
     * environ it received, so it is on the copy the app gets and on the environ of the layers
     * above (where `REQUEST_METHOD` is still `'POST'`). Absent when nothing was overridden.
     */
    'tsgi.original_method'?: 'POST'
  }
}

export {}
