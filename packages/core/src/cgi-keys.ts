const KEYS = [
  'REQUEST_METHOD',
  'SCRIPT_NAME',
  'PATH_INFO',
  'QUERY_STRING',
  'CONTENT_TYPE',
  'CONTENT_LENGTH',
  'SERVER_NAME',
  'SERVER_PORT',
  'SERVER_PROTOCOL',
] as const

/**
 * The CGI keys a server always sets in the environ, in this order, `''` when the request has no
 * value for them (spec §2.2). Servers, test clients and lint share the list.
 *
 * @example
 * for (const key of CGI_KEYS) console.log(key, environ[key])
 */
export const CGI_KEYS: typeof KEYS = Object.freeze(KEYS)
