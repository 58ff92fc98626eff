import { CGI_KEYS, isHeaderName } from '@tsgi/core'
import { LintError } from '../lint-error.js'

const OPTIONAL_CGI_KEYS = ['REMOTE_ADDR', 'REMOTE_PORT', 'REQUEST_URI'] as const
const DIGITS = /^\d+$/
const PROTOCOL = /^HTTP\/\d(\.\d)?$/
const BEYOND_LATIN1 = /[^\x00-\xff]/
// A prefix, a dot and a name, in lower-case letters, digits, dots and underscores (spec §2.4.3).
const EXTENSION_KEY = /^[a-z0-9_]+(\.[a-z0-9_]+)+$/

/**
 * Checks the environ a server (or an outer middleware) hands the app: its shape (spec §2.1), the
 * CGI keys (§2.2), the HTTP_* keys (§2.3), the tsgi.* keys (§2.4) and the SCRIPT_NAME and
 * PATH_INFO forms (§2.6). wsgiref.validate's check_environ and Rack::Lint's check_env.
 */
export function checkEnviron(environ: unknown): void {
  if (environ === null || typeof environ !== 'object') {
    throw new LintError('the environ must be a plain object', '2.1', environ)
  }
  const proto = Object.getPrototypeOf(environ)
  if (proto !== Object.prototype) {
    throw new LintError(
      'the environ must be a plain object, not a class instance or a null-prototype object',
      '2.1',
      environ,
    )
  }
  // Layers may assign values on their own copies (spec §2.1.1): a frozen or sealed environ breaks them.
  if (!Object.isExtensible(environ) || Object.isFrozen(environ)) {
    throw new LintError('the environ must not be frozen, sealed or non-extensible', '2.1', environ)
  }
  const env = environ as Record<string, unknown>
  for (const key of CGI_KEYS) {
    if (typeof env[key] !== 'string')
      throw new LintError(`environ.${key} must be a string ('' when absent)`, '2.2', env[key])
  }
  for (const key of OPTIONAL_CGI_KEYS) {
    if (key in env && typeof env[key] !== 'string') {
      throw new LintError(`environ.${key} must be a string when present`, '2.2', env[key])
    }
  }
  checkCgiValues(env as Record<(typeof CGI_KEYS)[number], string>)
  for (const key of Object.keys(env)) {
    const descriptor = Object.getOwnPropertyDescriptor(env, key)
    if (descriptor !== undefined && !('value' in descriptor)) {
      throw new LintError('environ keys must be data properties, not getters', '2.1', key)
    }
    if (key.includes('.')) {
      if (!EXTENSION_KEY.test(key)) {
        throw new LintError('extension keys are a prefix, a dot and a name in lower case (myapp.user)', '2.4', key)
      }
      continue
    }
    const value = env[key]
    if (key.startsWith('HTTP_')) {
      if (key === 'HTTP_CONTENT_TYPE' || key === 'HTTP_CONTENT_LENGTH') {
        throw new LintError(
          'Content-Type and Content-Length go in CONTENT_TYPE and CONTENT_LENGTH, not HTTP_*',
          '2.3',
          key,
        )
      }
      if (value === undefined) continue
      if (typeof value !== 'string') throw new LintError(`environ.${key} must be a string`, '2.3', value)
      if (BEYOND_LATIN1.test(value)) {
        throw new LintError(`environ.${key} must hold Latin-1 code units (≤ U+00FF)`, '2.3', value)
      }
    } else if (typeof value !== 'string') {
      throw new LintError(`CGI key ${key} (no dot in its name) must hold a string`, '2.2', value)
    }
  }
  checkTsgiKeys(env)
}

function checkCgiValues(env: Record<(typeof CGI_KEYS)[number], string>): void {
  const method = env.REQUEST_METHOD
  // A method is an RFC 9110 token, the grammar of a header name.
  if (!isHeaderName(method)) throw new LintError('REQUEST_METHOD must be a non-empty token', '2.2', method)
  const script = env.SCRIPT_NAME
  const path = env.PATH_INFO
  if (script !== '' && script[0] !== '/')
    throw new LintError('SCRIPT_NAME must be empty or start with "/"', '2.6', script)
  // The one exception is wsgiref's: shiftPathInfo of PATH_INFO '/' at the root leaves SCRIPT_NAME '/' and PATH_INFO ''.
  if (script === '/' && path !== '') {
    throw new LintError('SCRIPT_NAME must not be "/" (use "" and PATH_INFO "/")', '2.6', script)
  }
  if (path === '*') {
    if (method !== 'OPTIONS') throw new LintError('PATH_INFO may be "*" only for OPTIONS', '2.6', method)
  } else if (path !== '' && path[0] !== '/') {
    throw new LintError('PATH_INFO must be empty or start with "/"', '2.6', path)
  }
  if (script === '' && path === '') throw new LintError('SCRIPT_NAME and PATH_INFO must not both be empty', '2.6', path)
  if (env.CONTENT_LENGTH !== '' && !DIGITS.test(env.CONTENT_LENGTH)) {
    throw new LintError('CONTENT_LENGTH must be empty or a decimal number', '2.2', env.CONTENT_LENGTH)
  }
  if (env.SERVER_NAME === '') throw new LintError('SERVER_NAME must not be empty', '2.2', env.SERVER_NAME)
  if (!DIGITS.test(env.SERVER_PORT)) throw new LintError('SERVER_PORT must be a decimal number', '2.2', env.SERVER_PORT)
  if (!PROTOCOL.test(env.SERVER_PROTOCOL)) {
    throw new LintError('SERVER_PROTOCOL must look like "HTTP/1.1"', '2.2', env.SERVER_PROTOCOL)
  }
}

function checkTsgiKeys(env: Record<string, unknown>): void {
  const version = env['tsgi.version']
  if (!Array.isArray(version) || version.length !== 2 || version[0] !== 1 || version[1] !== 0) {
    throw new LintError("environ['tsgi.version'] must be [1, 0]", '2.4', version)
  }
  const scheme = env['tsgi.url_scheme']
  if (scheme !== 'http' && scheme !== 'https') {
    throw new LintError("environ['tsgi.url_scheme'] must be 'http' or 'https'", '2.4', scheme)
  }
  const input = env['tsgi.input'] as { [Symbol.asyncIterator]?: unknown } | null | undefined
  if (input === null || typeof input !== 'object' || typeof input[Symbol.asyncIterator] !== 'function') {
    throw new LintError("environ['tsgi.input'] must be an async iterable of bytes", '3.1', input)
  }
  const errors = env['tsgi.errors'] as { write?: unknown } | null | undefined
  if (errors === null || typeof errors !== 'object' || typeof errors.write !== 'function') {
    throw new LintError("environ['tsgi.errors'] must have a write(text) method", '3.3', errors)
  }
  // Reading `signal` would create the AbortController the server defers, so only its presence is checked.
  const abort = env['tsgi.abort'] as { aborted?: unknown } | null | undefined
  if (abort === null || typeof abort !== 'object' || typeof abort.aborted !== 'boolean' || !('signal' in abort)) {
    throw new LintError("environ['tsgi.abort'] must be an object with aborted and signal", '3.4', abort)
  }
  for (const key of ['tsgi.multiprocess', 'tsgi.run_once']) {
    if (typeof env[key] !== 'boolean') throw new LintError(`environ['${key}'] must be a boolean`, '2.4', env[key])
  }
}
