import { type App, type Body, createAbort, type Environ, emptyInput, type StartResponse } from '@tsgi/core'
import { LintError } from '@tsgi/lint'
import { expect } from 'vitest'

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

/** A valid environ as a server builds it; `overrides` break it for the environ rules. */
export function environ(overrides: Record<string, unknown> = {}): Environ {
  return {
    REQUEST_METHOD: 'GET',
    SCRIPT_NAME: '',
    PATH_INFO: '/',
    QUERY_STRING: '',
    CONTENT_TYPE: '',
    CONTENT_LENGTH: '',
    SERVER_NAME: 'localhost',
    SERVER_PORT: '80',
    SERVER_PROTOCOL: 'HTTP/1.1',
    REMOTE_ADDR: '127.0.0.1',
    REQUEST_URI: '/',
    'tsgi.version': [1, 0],
    'tsgi.url_scheme': 'http',
    'tsgi.input': emptyInput,
    'tsgi.errors': { write: () => {} },
    'tsgi.abort': createAbort().state,
    'tsgi.multiprocess': false,
    'tsgi.run_once': false,
    HTTP_HOST: 'localhost',
    ...overrides,
  } as Environ
}

/**
 * A small, correct server: calls the app, commits at the first non-empty chunk, rethrows excInfo
 * after that, iterates the body once with for…of / for await and closes it once.
 */
export async function serve(app: App, env: Environ = environ()): Promise<{ status: string; body: string }> {
  let status = ''
  let committed = false
  const startResponse: StartResponse = (line, _headers, excInfo) => {
    if (excInfo !== undefined && committed) throw excInfo
    status = line
  }
  const body: Body = await app(env, startResponse)
  let text = ''
  try {
    const iterable = body as AsyncIterable<Uint8Array>
    for await (const chunk of iterable) {
      if (chunk.length > 0) committed = true
      text += new TextDecoder().decode(chunk)
    }
  } finally {
    await body.close?.()
  }
  return { status, body: text }
}

/** Asserts that `run` fails with a LintError citing `section` whose rule matches `rule`. */
export async function expectLint(run: () => unknown, section: string, rule: RegExp): Promise<LintError> {
  let thrown: unknown
  try {
    await run()
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(LintError)
  const error = thrown as LintError
  expect(error.section).toBe(section)
  expect(error.rule).toMatch(rule)
  expect(error.message).toBe(
    `lint: ${error.rule} (spec §${section})${error.message.includes('; got ') ? error.message.slice(error.message.indexOf('; got ')) : ''}`,
  )
  return error
}

/** An app that answers with the given status, headers and chunks. */
export function answer(
  status: unknown,
  headers: unknown = [['content-type', 'text/plain']],
  chunks: unknown[] = [bytes('ok')],
): App {
  return (_environ, startResponse) => {
    ;(startResponse as (s: unknown, h: unknown) => void)(status, headers)
    return chunks as Uint8Array[]
  }
}
