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
