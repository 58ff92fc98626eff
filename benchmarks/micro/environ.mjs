// A complete environ, as @tsgi/node builds one, for in-process calls.
const empty = { async *[Symbol.asyncIterator]() {} }
const errors = { write() {} }
const abort = { aborted: false, signal: AbortSignal.abort() }

/** An environ for `GET path?query`, with the CGI keys in the server's order. */
export function makeEnviron(path, query = '') {
  return {
    REQUEST_METHOD: 'GET',
    SCRIPT_NAME: '',
    PATH_INFO: path,
    QUERY_STRING: query,
    CONTENT_TYPE: '',
    CONTENT_LENGTH: '',
    SERVER_NAME: '127.0.0.1',
    SERVER_PORT: '80',
    SERVER_PROTOCOL: 'HTTP/1.1',
    REMOTE_ADDR: '127.0.0.1',
    REMOTE_PORT: '50000',
    REQUEST_URI: query ? `${path}?${query}` : path,
    HTTP_HOST: '127.0.0.1',
    HTTP_ACCEPT: '*/*',
    'tsgi.version': [1, 0],
    'tsgi.url_scheme': 'http',
    'tsgi.input': empty,
    'tsgi.errors': errors,
    'tsgi.abort': abort,
    'tsgi.multiprocess': false,
    'tsgi.run_once': false,
  }
}

/**
 * A fresh environ with the values of `source`, built as @tsgi/node builds one: one object literal
 * of the CGI and tsgi.* keys, then the other keys assigned in order. Not a spread copy: in V8 11
 * (Node 20) a spread copy that later gains a key (the router's tsgi.routing_args, the session's
 * tsgi.session) gets a hidden class of its own every time, which no server-made environ pays.
 */
export function freshEnviron(source) {
  const environ = {
    REQUEST_METHOD: source.REQUEST_METHOD,
    SCRIPT_NAME: source.SCRIPT_NAME,
    PATH_INFO: source.PATH_INFO,
    QUERY_STRING: source.QUERY_STRING,
    CONTENT_TYPE: source.CONTENT_TYPE,
    CONTENT_LENGTH: source.CONTENT_LENGTH,
    SERVER_NAME: source.SERVER_NAME,
    SERVER_PORT: source.SERVER_PORT,
    SERVER_PROTOCOL: source.SERVER_PROTOCOL,
    REMOTE_ADDR: source.REMOTE_ADDR,
    REMOTE_PORT: source.REMOTE_PORT,
    REQUEST_URI: source.REQUEST_URI,
    'tsgi.version': source['tsgi.version'],
    'tsgi.url_scheme': source['tsgi.url_scheme'],
    'tsgi.input': source['tsgi.input'],
    'tsgi.errors': source['tsgi.errors'],
    'tsgi.abort': source['tsgi.abort'],
    'tsgi.multiprocess': source['tsgi.multiprocess'],
    'tsgi.run_once': source['tsgi.run_once'],
  }
  for (const key of extraKeys(source)) environ[key] = source[key]
  return environ
}

// makeEnviron's two HTTP_* keys are not in the server's literal: they are assigned after it.
const LITERAL_KEYS = new Set(Object.keys(makeEnviron('/')))
const extras = new WeakMap()

/** The keys of `source` that the literal lacks (HTTP_*, extension keys), found once per source. */
function extraKeys(source) {
  let keys = extras.get(source)
  if (keys === undefined) {
    keys = Object.keys(source).filter((key) => !LITERAL_KEYS.has(key) || key.startsWith('HTTP_'))
    extras.set(source, keys)
  }
  return keys
}
