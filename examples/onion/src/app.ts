/**
 * "Applications are like ogres, they have layers": three middleware around one app, layered with
 * `compose` (first argument outermost). A request goes in through requestId, accessLog and
 * errorPage to the kitchen; the response comes back out the other way; `close()` goes all the way
 * in to the kitchen's body, once.
 */
import { type App, type Body, compose, type Environ, type Middleware } from '@tsgi/core'
import { accessLog } from './access-log.js'
import { errorPage } from './error-page.js'
import { requestId } from './request-id.js'

const encoder = new TextEncoder()

/** The three layers, outermost first. */
export const onion: Middleware = compose(requestId, accessLog, errorPage)

/**
 * The app in the middle. `/` serves three courses as a streamed (generator) body; `/burnt` starts a
 * 200 and then fails before its first chunk, so errorPage can still replace it; `/late` fails after
 * its first chunk, when nothing can be replaced any more.
 */
export const kitchen: App = (environ, startResponse) => {
  environ['tsgi.errors'].write(`kitchen: called (${environ['onion.request_id'] ?? '-'})\n`)
  startResponse('200 OK', [['content-type', 'text/plain; charset=utf-8']])
  if (environ.PATH_INFO === '/burnt') return courses(environ, [], 'the oven is cold')
  if (environ.PATH_INFO === '/late') return courses(environ, ['soup\n'], 'the fish is off')
  return courses(environ, ['soup\n', 'fish\n', 'cake\n'])
}

/** The whole stack. */
export const app: App = onion(kitchen)

/** A sync body that yields each course and then, if given, throws; its `close()` is logged. */
function courses(environ: Environ, dishes: string[], failure?: string): Body {
  return {
    *[Symbol.iterator]() {
      for (const dish of dishes) yield encoder.encode(dish)
      if (failure !== undefined) throw new Error(failure)
    },
    close() {
      environ['tsgi.errors'].write('kitchen: body closed\n')
    },
  }
}
