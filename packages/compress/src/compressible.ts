// text/* (event streams, CSS, CSV, HTML…), JSON, JavaScript, XML, SVG and the +json / +xml
// structured suffixes (RFC 6839); the media type alone, before any parameter.
const COMPRESSIBLE =
  /^\s*(?:text\/[^;\s]+|application\/(?:json|javascript|ecmascript|x-javascript|xml|x-ndjson|wasm|graphql-response\+json|[^;\s/]+\+(?:json|xml))|image\/(?:svg\+xml|[^;\s/]+\+xml)|[^;\s/]+\/[^;\s/]+\+(?:json|xml))\s*(?:;|$)/i

/**
 * The default `filter` of `compress()`: whether a response of this `Content-Type` is worth
 * compressing. Text (`text/*`, event streams included), JSON, JavaScript, XML, SVG, WebAssembly
 * and any `+json` or `+xml` type are; images, audio, video, fonts, archives and anything already
 * compressed are not, and neither is a response without a type.
 *
 * @example
 * compress(app, { filter: (type) => compressible(type) || type === 'application/x-custom' })
 */
export function compressible(contentType: string | undefined): boolean {
  return contentType !== undefined && COMPRESSIBLE.test(contentType)
}
