import type { App, Environ, HeaderList } from '@tsgi/core'
import { emptyInput } from '@tsgi/core'

/** What {@link call} saw: status, headers, body text, and the environ the app was given. */
export interface Called {
  status: number
  headers: HeaderList
  header(name: string): string | undefined
  text: string
  environ: Environ
}

/**
 * Calls an app directly with a minimal environ and a recording startResponse (used until the
 * request-level client lands; it checks nothing beyond what the router tests assert).
 */
export async function call(app: App, line: string, extra: Partial<Environ> = {}): Promise<Called> {
  const [method = 'GET', target = '/'] = line.split(' ')
  const environ = {
    REQUEST_METHOD: method,
    SCRIPT_NAME: '',
    PATH_INFO: target,
    QUERY_STRING: '',
    CONTENT_TYPE: '',
    CONTENT_LENGTH: '',
    SERVER_NAME: 'example.com',
    SERVER_PORT: '80',
    SERVER_PROTOCOL: 'HTTP/1.1',
    HTTP_HOST: 'example.com',
    'tsgi.version': [1, 0],
    'tsgi.url_scheme': 'http',
    'tsgi.input': emptyInput,
    'tsgi.errors': { write() {} },
    'tsgi.abort': { aborted: false, signal: new AbortController().signal },
    'tsgi.multiprocess': false,
    'tsgi.run_once': false,
    ...extra,
  } as Environ
  let status = 0
  let headers: HeaderList = []
  const body = await app(environ, (line, list) => {
    status = Number(line.slice(0, 3))
    headers = list
  })
  const chunks: Uint8Array[] = []
  for await (const chunk of body) chunks.push(chunk)
  await body.close?.()
  const text = new TextDecoder().decode(Buffer.concat(chunks))
  const header = (name: string) => headers.find(([key]) => key.toLowerCase() === name)?.[1]
  return { status, headers, header, text, environ }
}
