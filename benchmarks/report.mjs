// Renders docs/benchmarks.md from benchmarks/results/last.json (or the file given as the first
// argument). The page is never typed by hand: change this script, or run the benchmarks again.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { barChart } from './lib/chart.mjs'
import { drawMarkdown, httpTable, layerPriceTable, microTable } from './lib/format.mjs'
import { judge } from './lib/targets.mjs'

const source = process.argv[2] ?? new URL('./results/last.json', import.meta.url)
const output = new URL('../docs/benchmarks.md', import.meta.url)
const charts = new URL('../docs/benchmarks/', import.meta.url)
const results = JSON.parse(readFileSync(source, 'utf8'))
const { meta } = results

const about = {
  hello:
    'Every server answers `GET /` with `Hello, world!` as its docs show it. `@tsgi/node` serves a bare app ' +
    'returning a one-chunk array. The baseline writes the response with `writeHead` and `end` on raw `node:http`.',
  stack:
    'Each server does the same work: 20 routes in one table, exception handling around them, and the query ' +
    'string parsed; the request hits `/users/:id` (16th route) and the handler answers ' +
    '`{"id":…,"fields":…,"page":…}` from the path parameter and the query. The baseline is raw `node:http` with ' +
    'a hand-written linear RegExp scan, `node:querystring` and a try/catch. tsgi is `@tsgi/router` + ' +
    '`@tsgi/exceptions` + `queryOf` from `@tsgi/query` on `@tsgi/node`; fastify, Hono and Express use their own ' +
    'router, query parsing and error handler; Koa, which has none, uses find-my-way and a try/catch middleware.',
  'production-stack':
    'A production stack, every layer on the same request: `GET /users/42?…` as a browser on app.example sends ' +
    'it through a proxy on 127.0.0.1 (`X-Forwarded-For`, `X-Forwarded-Proto: https`, `Origin`, ' +
    '`Accept-Encoding: gzip`) with the session cookie the server itself set on `GET /login`. Each server trusts ' +
    'the proxy, writes an access log line to /dev/null, handles errors, answers CORS for that one origin with ' +
    'credentials, adds its default security headers, reads a counter from the session and writes it back plus ' +
    'one (a new Set-Cookie every request), and sends ~1.4 KiB of JSON gzip-compressed. tsgi: `proxyFix`, ' +
    '`accessLog`, `exceptionMiddleware`, `cors`, `secureHeaders`, `compress`, `session` (AES-GCM sealed ' +
    'cookie, WebCrypto) around `@tsgi/router`. fastify: `trustProxy`, its pino logger, `setErrorHandler`, ' +
    '`@fastify/cors`, `@fastify/helmet`, `@fastify/compress`, `@fastify/secure-session` (libsodium secretbox). ' +
    'Hono: a proxy-trust middleware of a few lines (Hono has none), `logger`, `onError`, `cors`, ' +
    '`secureHeaders`, `compress`, `getSignedCookie`/`setSignedCookie` (HMAC-SHA256, WebCrypto). Before timing, ' +
    'every answer is checked: the same JSON once decompressed, gzip, the CORS, nosniff and HSTS headers, and a ' +
    'Set-Cookie. CPU includes the threads node uses for zlib and WebCrypto.',
  download:
    'One 64 MiB response written as 1024 chunks of 64 KiB (the same buffer each time, never copied), fetched ' +
    'one at a time over a keep-alive connection. tsgi returns a sync generator and the server applies ' +
    'backpressure; the baseline loops on `res.write()` and waits for `drain`; fastify sends a `Readable` over ' +
    'the same chunks, Hono a web `ReadableStream`. Peak RSS shows whether a server buffered the body.',
  upload:
    'One 64 MiB request body, sent in 64 KiB chunks, counted by the app and answered with its length. tsgi ' +
    'reads it through `tsgi.input` (`for await`), the baseline through the `IncomingMessage` stream, ' +
    'fastify through the raw payload handed on by a content-type parser, Hono through `c.req.raw.body`.',
  'static-small':
    'A 1 KiB text file from disk, each server with its static-file package at its defaults (ETag, ' +
    'Last-Modified, ranges): `serveStatic(root)` from `@tsgi/static` on `@tsgi/node`, `@fastify/static` on ' +
    'fastify, `serve-static` on Express, `serveStatic` from `@hono/node-server` on Hono. Nothing is cached ' +
    'between requests: every request opens, measures, reads and closes the file.',
  'static-large':
    'The 64 MiB payload of `download`, as a file on disk, fetched one at a time over a keep-alive ' +
    'connection from the same four servers. Peak RSS shows whether a server read the file whole.',
}

const microAbout = {
  middleware:
    'The hello app bare or with one layer: `router`, `router()` over the 20 routes of the `stack` scenario ' +
    'hit on `/users/42`; `exceptions`, `exceptionMiddleware()` with nothing thrown; `query`, the app reading ' +
    '`queryOf()` of the `stack` query; `cookies`, the app reading `cookiesOf()` of three cookies; `session-*`, ' +
    '`session()` with a sealed cookie the app does not load, loads, or loads and changes (a new sealed ' +
    'Set-Cookie); `conditional`, `conditional()` from `@tsgi/static` computing an ETag, no validator sent.',
  router:
    'The GitHub-shaped table (~116 routes, static and `:param` segments), every implementation checked to ' +
    'route every lookup to the same route with the same parameters before one set is timed. Sets: `static` ' +
    '(4 paths), `param` (6 paths, 1–3 parameters), `mixed` (both), `miss` (2 paths no route matches). tsgi is ' +
    'measured through its public API: the `router(routes)` app called with a complete environ (lookup, the ' +
    "environ copy carrying `tsgi.routing_args`, and the route app's call; a miss is whatever the router does " +
    "for a 404). find-my-way is `find()` plus the handler's call with the parameters; `hono-regexp` is " +
    "Hono's RegExpRouter `match()`, given the table without the 4 static routes it rejects.",
  query:
    'Inputs: `short` is `a=1&b=hello&c=42` (16 characters); `fields20` has 20 fields, some percent-encoded ' +
    'or with `+`; `big` is ~4 KB, 100 fields over 60 keys (so values repeat) with UTF-8 escapes. Each ' +
    "parser's output is checked against the same key → values answer before its parse alone is timed.",
  cookies:
    '`parse`: one Cookie header of 12 cookies (one name repeated, some percent-encoded), checked against the ' +
    "same name → value answer; tsgi's `cookiesOf` gets a fresh environ per call, so its cache never answers. " +
    '`unsign`: checking one valid HMAC-SHA256 signed value through WebCrypto; `cookieSigner` imports its key ' +
    "once, Hono's `parseSigned` imports it on every call.",
  layers:
    'A sync app returning a one-chunk array, called in process with a complete environ; its body iterated ' +
    'and closed as a server would. `compose-10`: ten pass-through middleware through `compose()`; ' +
    '`transform-start-1`: one `transform()` layer with a `start` hook that keeps the status; ' +
    '`transform-1` and `transform-10`: one and ten `transform()` layers with an identity `chunk` hook.',
  policy:
    'The `layers` app under one request-policy middleware, on the path a typical request takes: `cors`, a GET ' +
    'from an allowed origin (a list of one, credentials on); `csrf`, a same-origin POST; `secure-headers`, the ' +
    'five default headers; `secure-headers-nonce`, plus a Content-Security-Policy with a fresh nonce; ' +
    '`timeout`, one timer set and cleared; `body-limit`, a POST with a declared length within the limit; ' +
    '`method-override`, a POST overridden to PUT by header (an environ copy). No peer runs the same layer ' +
    'alone in process; the baseline is the bare app.',
  production:
    'The same app and call as above, for a request that came through one proxy on 127.0.0.1 ' +
    '(`X-Forwarded-For`, `X-Forwarded-Proto`). `proxy-fix` rewrites the client and scheme on one copy ' +
    'of the environ; `environ-copy` is that copy alone, what every copying layer (`mount`) pays. ' +
    '`access-log` formats a Common Log Format line to a no-op writer; `request-id` makes a UUID; ' +
    '`health` passes a request that is not a probe to the app.',
}

function spread(rows) {
  const base = rows[0]
  if (!base || base.error || base.throughput.n < 2) return ''
  const { min, max } = base.throughput
  return ` The baseline's own throughput moved by ${((max / min - 1) * 100).toFixed(0)}% between rounds (max/min).`
}

const targets = judge(results)
function targetLine(scope) {
  return targets
    .filter((entry) => entry.scope === scope)
    .map(({ target, measured, status }) => `**Target:** ${target}. Measured: ${measured}. **${status}**.`)
}

function microSpread(group) {
  const spreads = group.inputs
    .map((input) => input.rows.find((row) => row.name === group.baseline)?.ns)
    .filter((summary) => summary && summary.n > 1)
    .map(({ min, max }) => max / min - 1)
  if (spreads.length === 0) return ''
  const worst = Math.max(...spreads)
  return ` The baseline's own time moved by up to ${(worst * 100).toFixed(0)}% between rounds (max/min).`
}

const lines = []
const push = (...more) => lines.push(...more)

push('# Benchmarks', '')
push('<!-- Generated by `node benchmarks/report.mjs` from benchmarks/results/last.json. Do not edit by hand. -->', '')
if (meta.mode === 'quick') {
  push(
    `> **This page comes from a \`--quick\` run** (${meta.settings.http.rounds} rounds of ` +
      `${meta.settings.http.seconds} s, ${meta.settings.micro.rounds} micro rounds): it shows that the ` +
      'machinery works, not how fast anything is. Publish only a full run (`pnpm bench`) on a quiet machine.',
    '',
  )
}
if (meta.only) push(`> Only these suites ran: ${meta.only.join(', ')}.`, '')
push(
  'Generated from the last run of `pnpm bench` (see [benchmarks/README.md](../benchmarks/README.md) for how ' +
    'to run it). Every number is a ratio to a peer measured in the same run, because on these machines the ' +
    'absolute speed drifts by up to 1.7× within minutes.',
  '',
)

push('## The run', '')
push(
  drawMarkdown({
    header: ['', ''],
    rows: [
      ['date', meta.date],
      ['mode', meta.mode === 'quick' ? '`--quick` (machinery check only)' : 'full'],
      ['machine', `${meta.cpu}, ${meta.cores} cores, ${meta.memoryGiB} GiB, ${meta.platform}`],
      ['Node', meta.node],
      ['load generator', meta.generator],
      ['pinning', meta.pinning],
      [
        'HTTP rounds',
        `${meta.settings.http.rounds} interleaved rounds of ${meta.settings.http.seconds} s at ` +
          `${meta.settings.http.connections} connections, after ${meta.settings.http.warmup} s of warm-up ` +
          `per server; streaming: ${meta.settings.http.transfers} transfer(s) of 64 MiB per round`,
      ],
      [
        'micro rounds',
        `${meta.settings.micro.rounds} interleaved rounds, each cell a fresh process timed by mitata for ` +
          `at least ${meta.settings.micro.budgetMs} ms of CPU`,
      ],
      ['duration', `${meta.seconds} s`],
    ],
  }),
  '',
)
push('Peers and packages, as installed in `benchmarks/`:', '')
push(
  drawMarkdown({
    header: ['package', 'version'],
    rows: Object.entries(meta.peers).map(([name, version]) => [`\`${name}\``, version]),
  }),
  '',
)

push('## Targets', '')
push(
  'Judged on the median ratio. A target is "missed" when the measured median falls short, whatever the noise; ' +
    'it is "not measured" when one of its cells could not run.',
  '',
)
push(
  drawMarkdown({
    header: ['target', 'measured (median)', 'status'],
    rows: targets.map(({ target, measured, status }) => [
      target,
      measured,
      status === 'missed' ? '**missed**' : status,
    ]),
  }),
  '',
)

const prices = layerPriceTable(results)
if (prices.rows.length > 0) {
  push('## Price per layer', '')
  push(
    'What each layer adds to one call of a bare sync app, in process (each cell a fresh `node` process, timed by ' +
      'mitata; the app gets a fresh environ per call, built as `@tsgi/node` builds one per request, so ' +
      "per-request caches never answer from an earlier call). The suite's own section below says which request " +
      'each layer sees. A layer that awaits (the session through WebCrypto) pays the promise too.',
    '',
    drawMarkdown(prices),
    '',
  )
}

push('## How to read the tables', '')
push(
  '- Every cell is the **median (min–max)** over the interleaved rounds. Ratios are computed round by round ' +
    '(each server against the baseline of the same round) and then summarized, which cancels part of the drift.',
  '- **Every ratio reads "higher is better"**: throughput ratios are value ÷ baseline; time and CPU ratios are ' +
    'baseline ÷ value. 1.00× is parity; 0.50× means half as fast, or twice the CPU.',
  "- **CPU µs/req** is the server process's own `utime + stime` (from `/proc/<pid>/stat`, 10 ms ticks) over a " +
    'round, divided by the requests it answered. Under saturation req/s follows whatever else the host does; ' +
    'CPU per request is the steadier number.',
  `- **p50 / p99** are client-side latencies at ${meta.settings.http.connections} connections, as ${meta.generator} ` +
    `reports them${meta.generator === 'autocannon' ? ' (in whole milliseconds)' : ''}.`,
  "- **Peak RSS** is the server's `VmHWM` from `/proc/<pid>/status` after all its rounds.",
  '- Servers run on core 0 and the load generator on core 1 (`taskset`), each in its own process; micro cells ' +
    "each run in a fresh process, so one implementation's JIT state cannot slow another's.",
  '- Noise: a min–max range wider than the gap between two medians means the run cannot tell them apart.',
  '',
)

/** Writes docs/benchmarks/<name>.svg and pushes the Markdown image that shows it. */
function chart(name, spec) {
  mkdirSync(charts, { recursive: true })
  writeFileSync(new URL(`${name}.svg`, charts), barChart(spec))
  push(`![${spec.title}](benchmarks/${name}.svg)`, '')
}

const rounds = (n) => `median and min–max of ${n} rounds`

if (results.http.length > 0) push('## HTTP', '')
for (const scenario of results.http) {
  push(`### ${scenario.title}`, '')
  if (about[scenario.name]) push(`${about[scenario.name]}${spread(scenario.rows)}`, '')
  const load = scenario.kind === 'load'
  chart(scenario.name, {
    title: scenario.title.length > 88 ? `${scenario.title.slice(0, 85)}…` : scenario.title,
    note: `ratio to ${scenario.baseline}, higher is better (${rounds(meta.settings.http.rounds)})`,
    series: load ? ['CPU per request', 'requests per second'] : ['CPU per MiB', 'MiB per second'],
    rows: scenario.rows.map((row) => ({
      name: row.name,
      values: row.error ? [null, null] : [row.cpuRatio, row.throughputRatio],
    })),
  })
  push(drawMarkdown(httpTable(scenario)), '')
  for (const line of targetLine(scenario.name)) push(line, '')
}

if (results.micro.length > 0) push('## In process', '')
for (const group of results.micro) {
  push(`### ${group.title}`, '')
  if (microAbout[group.name]) push(`${microAbout[group.name]}${microSpread(group)}`, '')
  chart(group.name, {
    title: group.title.length > 88 ? `${group.title.slice(0, 85)}…` : group.title,
    note: `time ratio to ${group.baseline}, higher is better (${rounds(meta.settings.micro.rounds)})`,
    series: group.inputs.map((input) => input.input),
    rows: group.inputs[0].rows.map(({ name }) => ({
      name,
      values: group.inputs.map((input) => {
        const row = input.rows.find((entry) => entry.name === name)
        return row && row.ratio.n > 0 ? row.ratio : null
      }),
    })),
  })
  for (const input of group.inputs) {
    if (group.inputs.length > 1) push(`**${input.input}**`, '')
    push(drawMarkdown(microTable(group, input)), '')
  }
  for (const line of targetLine(group.name)) push(line, '')
}

writeFileSync(output, `${lines.join('\n').trimEnd()}\n`)
process.stdout.write(`wrote ${output.pathname} from ${source}\n`)
