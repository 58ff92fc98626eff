/**
 * The tutorial's first app, `hello_world`: greets `?subject=` (or the World), reading the query
 * string with `parseQs`, Python's `parse_qs` with the same answers.
 *
 *     def hello_world(environ, start_response):
 *         parameters = parse_qs(environ.get('QUERY_STRING', ''))
 *         if 'subject' in parameters:
 *             subject = parameters['subject'][0]
 *         else:
 *             subject = 'World'
 *         start_response('200 OK', [('Content-Type', 'text/html')])
 *         return ['''Hello {subject} Hello {subject} '''.format(subject=subject)]
 */
import type { App } from '@tsgi/core'
import { parseQs } from '@tsgi/query'

const encoder = new TextEncoder()

/**
 * Answers `Hello <subject> Hello <subject> ` as HTML. The tutorial returned a `str`; a tsgi body
 * is bytes (spec §5.1), so the text is encoded. The subject comes from the client and the page is
 * HTML, so it is escaped: the tutorial's version was an open door to script injection.
 *
 * @example
 * // GET /?subject=Ada → Hello Ada Hello Ada
 */
export const helloWorld: App = (environ, startResponse) => {
  // parseQs turns QUERY_STRING into a null-prototype object of value lists (all values are
  // lists, to accommodate checkboxes), exactly as parse_qs does.
  const parameters = parseQs(environ.QUERY_STRING)
  const subject = parameters.subject?.[0] ?? 'World'
  startResponse('200 OK', [['content-type', 'text/html; charset=utf-8']])
  return [encoder.encode(`Hello ${escapeHtml(subject)} Hello ${escapeHtml(subject)} `)]
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char)
}
