import { describeValue } from '@tsgi/core'

/**
 * Stands for the request's nonce in a Content-Security-Policy source list: `secureHeaders()`
 * replaces it with `'nonce-…'`, a fresh random value for each request, which the app reads from
 * `environ['tsgi.csp_nonce']` to mark its inline `<script>` and `<style>` elements.
 *
 * @example
 * secureHeaders(app, { contentSecurityPolicy: { 'script-src': ["'self'", NONCE] } })
 */
export const NONCE: unique symbol = Symbol('tsgi.csp_nonce')

/**
 * A Content-Security-Policy as directives (CSP Level 3 §6): each name in lower case, as in the
 * header (`'default-src'`, `'script-src'`, `'frame-ancestors'`), with its source list; an empty
 * list sends the directive alone (`'upgrade-insecure-requests': []`).
 *
 * @example
 * const policy: ContentSecurityPolicy = { 'default-src': ["'self'"], 'script-src': ["'self'", NONCE] }
 */
export type ContentSecurityPolicy = Readonly<Record<string, readonly (string | typeof NONCE)[]>>

/** A compiled policy: the header value's pieces around each nonce. */
export interface CompiledPolicy {
  /** Whether the value needs a nonce per request. */
  readonly usesNonce: boolean
  /** The header value for a request with this nonce (ignored when `usesNonce` is false). */
  render(nonce: string): string
}

const DIRECTIVE = /^[a-z][a-z0-9-]*$/
// CSP §2.2: a source expression is one token without whitespace; ',' and ';' would split the
// policy or the directive, so a value holding one is a mistake, not a source.
const SOURCE = /^[^\s;,]+$/

/**
 * Checks and joins a policy once, at build time: names and sources that could break the header
 * throw a `TypeError` naming the directive.
 */
export function compilePolicy(policy: unknown): CompiledPolicy {
  if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) {
    throw new TypeError(
      `secureHeaders(): options.contentSecurityPolicy must be an object of directives or false, got ${describeValue(policy)}`,
    )
  }
  const pieces: string[] = []
  for (const [name, sources] of Object.entries(policy)) {
    if (!DIRECTIVE.test(name)) {
      throw new TypeError(
        `secureHeaders(): a Content-Security-Policy directive name must be like 'script-src', got ${describeValue(name)}`,
      )
    }
    if (!Array.isArray(sources)) {
      throw new TypeError(
        `secureHeaders(): directive '${name}' must be an array of sources, got ${describeValue(sources)}`,
      )
    }
    for (const source of sources) {
      if (source !== NONCE && (typeof source !== 'string' || !SOURCE.test(source))) {
        throw new TypeError(
          `secureHeaders(): directive '${name}' has a source that is not one token without ';' or ',': ${describeValue(source)}`,
        )
      }
    }
    pieces.push(sources.length === 0 ? name : `${name} ${sources.map((s) => (s === NONCE ? NONCE_MARK : s)).join(' ')}`)
  }
  const joined = pieces.join('; ')
  const parts = joined.split(NONCE_MARK)
  if (parts.length === 1) return { usesNonce: false, render: () => joined }
  return { usesNonce: true, render: (nonce) => parts.join(`'nonce-${nonce}'`) }
}

// A placeholder no valid source can contain (it holds a space).
const NONCE_MARK = '\u0000 nonce \u0000'
