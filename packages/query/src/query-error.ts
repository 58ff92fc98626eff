import { HTTPError, type HTTPErrorOptions } from '@tsgi/core'

/**
 * A query string or form body that the parser refuses: a field without `=` under
 * `strictParsing`, or more fields than `maxNumFields` (where Python raises `ValueError`). It is a
 * 400 `HTTPError`, so an app that lets one escape answers `400 Bad Request` with the message,
 * which names the field as Python's does (`bad query field: 'a'`).
 *
 * @example
 * try { parseQs(qs, { strictParsing: true }) } catch (error) { if (error instanceof QueryError) ... }
 */
export class QueryError extends HTTPError {
  override name = 'QueryError'
  constructor(message: string, options?: HTTPErrorOptions) {
    super(400, message, options)
  }
}
