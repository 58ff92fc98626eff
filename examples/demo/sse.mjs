// Server-sent events through @tsgi/compress: a page whose EventSource reads `events`, a stream of
// ticks compressed (br or gzip, whatever the browser accepts) and flushed event by event.

import { compress } from '@tsgi/compress'

const encoder = new TextEncoder()
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** @type {import('@tsgi/core').App} */
function sse(environ, startResponse) {
  if (environ.PATH_INFO === '/events') {
    const count = Math.min(Number(new URLSearchParams(environ.QUERY_STRING).get('count')) || 10, 100)
    startResponse('200 OK', [
      ['content-type', 'text/event-stream'],
      ['cache-control', 'no-cache'],
    ])
    return (async function* () {
      for (let n = 1; n <= count; n++) {
        yield encoder.encode(`id: ${n}\ndata: tick ${n} of ${count}, ${new Date().toISOString()}\n\n`)
        if (n < count) await sleep(1000)
      }
    })()
  }
  startResponse('200 OK', [['content-type', 'text/html; charset=utf-8']])
  // The prefix is JSON-encoded into the script (and `<` escaped), never pasted in as HTML.
  const events = JSON.stringify(`${environ.SCRIPT_NAME}/events`).replaceAll('<', '\\u003c')
  return [
    encoder.encode(`<!doctype html><meta charset="utf-8"><title>SSE, compressed</title>
<h1>Server-sent events, compressed</h1><p>Each tick arrives on its own, decoded by the browser.</p><ol id="ticks"></ol>
<script>
const source = new EventSource(${events})
source.onmessage = (event) => document.getElementById('ticks').append(Object.assign(document.createElement('li'), { textContent: event.data }))
source.onerror = () => source.close()
</script>`),
  ]
}

export const app = compress(sse)
