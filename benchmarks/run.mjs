// `pnpm bench [--quick] [--only <suite>[,<suite>…]]`: runs the HTTP scenarios and the
// micro-benchmarks, prints every table as ratios to its peer, writes results/last.json.
// Render docs/benchmarks.md from it with `node benchmarks/report.mjs`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { parseArgs } from 'node:util'
import { JSON_TEXT, textDigest } from './http/compress/payload.mjs'
import * as production from './http/production/app.mjs'
import * as stack from './http/stack/routes.mjs'
import * as staticFiles from './http/static/files.mjs'
import { downloadDigest, uploadDigest } from './http/stream/body.mjs'
import { drawText, httpTable, layerPriceTable, microTable } from './lib/format.mjs'
import { runHttpScenario } from './lib/http-suite.mjs'
import { generator, hasH2load } from './lib/load.mjs'
import { runMicroGroup } from './lib/micro-suite.mjs'
import { pinning } from './lib/proc.mjs'
import { judge } from './lib/targets.mjs'

const here = (path) => new URL(path, import.meta.url)
const servers = (dir, list) => list.map(([name, file]) => ({ name, file: here(`./http/${dir}/${file}.mjs`) }))
const frameworks = [
  ['fastify', 'fastify'],
  ['hono', 'hono'],
  ['koa', 'koa'],
  ['express', 'express'],
]

const httpScenarios = [
  {
    name: 'hello',
    title: 'Hello world: GET /',
    kind: 'load',
    path: '/',
    expected: 'Hello, world!',
    servers: servers('hello', [['node:http', 'raw'], ['@tsgi/node', 'tsgi'], ...frameworks]),
  },
  {
    name: 'stack',
    title: `Realistic stack: 20 routes + exception middleware + query parsing, GET ${stack.path}`,
    kind: 'load',
    path: stack.path,
    expected: stack.expected,
    servers: servers('stack', [['node:http', 'raw'], ['tsgi', 'tsgi'], ...frameworks]),
  },
  {
    name: 'h2',
    title: 'Hello world over HTTP/2 (h2c, h2load: 10 streams per connection): GET /',
    kind: 'h2load',
    path: '/',
    expected: 'Hello, world!',
    servers: servers('h2', [
      ['node:http2', 'raw'],
      ['@tsgi/node', 'tsgi'],
      ['fastify', 'fastify'],
    ]),
  },
  {
    name: 'production-stack',
    title: `Production stack: proxy trust, access log, errors, CORS, secure headers, a session cookie read and written, gzip'd JSON, GET ${production.path}`,
    kind: 'load',
    path: production.path,
    headers: production.headers,
    login: '/login',
    encoding: 'gzip',
    checks: production.checks,
    expected: production.expected,
    servers: servers('production', [
      ['fastify', 'fastify'],
      ['tsgi', 'tsgi'],
      ['hono', 'hono'],
    ]),
  },
  {
    name: 'download',
    title: 'Streaming download: 64 MiB in 64 KiB chunks',
    kind: 'download',
    path: '/download',
    expected: downloadDigest(),
    servers: servers('stream', [
      ['node:http', 'raw'],
      ['@tsgi/node', 'tsgi'],
      ['fastify', 'fastify'],
      ['hono', 'hono'],
    ]),
  },
  {
    name: 'upload',
    title: 'Streaming upload: 64 MiB read through the request body (tsgi.input)',
    kind: 'upload',
    path: '/upload',
    expected: uploadDigest,
    servers: servers('stream', [
      ['node:http', 'raw'],
      ['@tsgi/node', 'tsgi'],
      ['fastify', 'fastify'],
      ['hono', 'hono'],
    ]),
  },
  {
    name: 'static-small',
    title: 'Static file: GET /small.txt (1 KiB)',
    kind: 'load',
    path: '/small.txt',
    expected: staticFiles.small,
    servers: servers('static', [
      ['@fastify/static', 'fastify'],
      ['@tsgi/static', 'tsgi'],
      ['serve-static (Express)', 'express'],
      ['hono serveStatic', 'hono'],
    ]),
  },
  {
    name: 'static-large',
    title: 'Static file: GET /big.bin (64 MiB)',
    kind: 'download',
    path: '/big.bin',
    expected: downloadDigest(),
    servers: servers('static', [
      ['@fastify/static', 'fastify'],
      ['@tsgi/static', 'tsgi'],
      ['serve-static (Express)', 'express'],
      ['hono serveStatic', 'hono'],
    ]),
  },
]

// Compression: @fastify/compress on fastify is the baseline; Hono's compress() has no br.
const compressServers = (encoding) =>
  servers('compress', [
    ['@fastify/compress', 'fastify'],
    ['@tsgi/compress', 'tsgi'],
    ...(encoding === 'gzip' ? [['hono/compress', 'hono']] : []),
  ])
for (const encoding of ['gzip', 'br']) {
  httpScenarios.push(
    {
      name: `compress-json-${encoding}`,
      title: `Compression, ${encoding}: a 64 KiB JSON response, GET /json`,
      kind: 'load',
      path: '/json',
      // A request costs milliseconds of compression: 50 connections would queue past wrk's 2 s
      // timeout, so fewer, still enough to keep the server's core busy.
      connections: 8,
      headers: { 'accept-encoding': encoding },
      encoding,
      expected: JSON_TEXT,
      servers: compressServers(encoding),
    },
    {
      name: `compress-text-${encoding}`,
      title: `Compression, ${encoding}: 16 MiB of text streamed in 64 KiB chunks (MiB of content)`,
      kind: 'compressed-download',
      path: '/text',
      transfers: 2, // 32 MiB of content a round: compressing it takes seconds
      encoding,
      expected: textDigest(),
      servers: compressServers(encoding),
    },
  )
}

const microGroups = [
  {
    name: 'router',
    title: 'Router lookups over ~116 GitHub-API-shaped routes',
    script: here('./micro/router.mjs'),
    unit: 'ns/lookup',
    baseline: 'find-my-way',
    implementations: ['find-my-way', 'tsgi', 'hono-regexp'],
    inputs: ['mixed', 'static', 'param', 'miss'],
  },
  {
    name: 'query',
    title: 'Query parsing: 16 chars / 20 fields / ~4 KB',
    script: here('./micro/query.mjs'),
    unit: 'ns/parse',
    baseline: 'fast-querystring',
    implementations: ['fast-querystring', 'tsgi', 'node:querystring', 'URLSearchParams', 'qs'],
    inputs: ['short', 'fields20', 'big'],
  },
  {
    name: 'cookies',
    title: 'Cookies: parsing a 12-cookie header, checking an HMAC-signed value (WebCrypto)',
    script: here('./micro/cookies.mjs'),
    unit: 'ns/op',
    baseline: 'hono',
    implementations: ['hono', 'tsgi'],
    inputs: ['parse', 'unsign'],
  },
  {
    name: 'layers',
    title: 'Layer cost: a sync app called in process, its body iterated and closed',
    script: here('./micro/layers.mjs'),
    unit: 'ns/call',
    baseline: 'bare',
    showAdded: true,
    implementations: ['bare', 'compose-10', 'transform-start-1', 'transform-1', 'transform-10'],
    inputs: ['call'],
  },
  {
    name: 'middleware',
    title: 'Layer price: router, exceptions, query, cookies, session, conditional, compress around a sync app',
    script: here('./micro/middleware.mjs'),
    unit: 'ns/call',
    baseline: 'bare',
    showAdded: true,
    implementations: [
      'bare',
      'router',
      'exceptions',
      'query',
      'cookies',
      'session-unused',
      'session-read',
      'session-write',
      'conditional',
      'compress-small',
      'compress-gzip',
    ],
    inputs: ['call'],
  },
  {
    name: 'policy',
    title: 'Request policy: one middleware around a sync app, on a typical request, called in process',
    script: here('./micro/policy.mjs'),
    unit: 'ns/call',
    baseline: 'bare',
    showAdded: true,
    implementations: [
      'bare',
      'cors',
      'csrf',
      'secure-headers',
      'secure-headers-nonce',
      'timeout',
      'body-limit',
      'method-override',
    ],
    inputs: ['call'],
  },
  {
    name: 'production',
    title: 'Production layers: proxy-fix, access-log, request-id, health around a sync app',
    script: here('./micro/production.mjs'),
    unit: 'ns/call',
    baseline: 'bare',
    showAdded: true,
    implementations: ['bare', 'environ-copy', 'proxy-fix', 'access-log', 'request-id', 'server-timing', 'health'],
    inputs: ['call'],
  },
]

const settingsFor = {
  quick: {
    http: { rounds: 2, seconds: 1, warmup: 1, connections: 50, transfers: 1 },
    micro: { rounds: 2, budgetMs: 20 },
  },
  full: {
    http: { rounds: 6, seconds: 5, warmup: 2, connections: 50, transfers: 4 },
    micro: { rounds: 5, budgetMs: 500 },
  },
}

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' } } })
const mode = values.quick ? 'quick' : 'full'
const settings = settingsFor[mode]
const known = [...httpScenarios.map((entry) => entry.name), ...microGroups.map((entry) => entry.name)]
const only = values.only ? values.only.split(',') : known
for (const name of only) {
  if (!known.includes(name)) throw new RangeError(`--only: unknown suite ${name}; known: ${known.join(', ')}`)
}

function peerVersions() {
  const manifest = JSON.parse(readFileSync(here('./package.json'), 'utf8'))
  const versions = {}
  for (const name of Object.keys(manifest.devDependencies)) {
    versions[name] = JSON.parse(readFileSync(here(`./node_modules/${name}/package.json`), 'utf8')).version
  }
  return versions
}

const log = (line) => process.stdout.write(`${line}\n`)
const started = Date.now()
const results = {
  meta: {
    date: new Date().toISOString(),
    mode,
    only: values.only ? only : null,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    generator,
    pinning,
    settings,
    peers: peerVersions(),
  },
  http: [],
  micro: [],
}

// The static scenarios' files are written once here, before their servers start side by side.
if (only.some((name) => name.startsWith('static-'))) staticFiles.ensureFiles()
log(`tsgi benchmarks (${mode}), Node ${process.version}, load generator ${generator}, pinning: ${pinning}`)
for (const scenario of httpScenarios.filter((entry) => only.includes(entry.name))) {
  log(`\n${scenario.title}`)
  if (scenario.kind === 'h2load' && !hasH2load) {
    log('  skipped: h2load is not installed (apt-get install -y nghttp2-client)')
    continue
  }
  const begun = Date.now()
  const result = await runHttpScenario(scenario, settings.http, log)
  result.seconds = Math.round((Date.now() - begun) / 1000)
  results.http.push(result)
  log(`\n${drawText(httpTable(result))}`)
}
for (const group of microGroups.filter((entry) => only.includes(entry.name))) {
  log(`\n${group.title}`)
  const begun = Date.now()
  const result = await runMicroGroup(group, settings.micro, log)
  result.seconds = Math.round((Date.now() - begun) / 1000)
  results.micro.push(result)
  for (const input of result.inputs) log(`\n${group.name}: ${input.input}\n${drawText(microTable(result, input))}`)
}

if (results.micro.some((group) => group.showAdded)) log(`\nPrice per layer\n${drawText(layerPriceTable(results))}`)
results.meta.seconds = Math.round((Date.now() - started) / 1000)
log('\nTargets')
for (const { target, measured, status } of judge(results)) log(`  ${status.padEnd(12)} ${target}: ${measured}`)
mkdirSync(here('./results/'), { recursive: true })
writeFileSync(here('./results/last.json'), `${JSON.stringify(results, null, 2)}\n`)
log(
  `\nDone in ${results.meta.seconds} s; results in benchmarks/results/last.json (node benchmarks/report.mjs renders them).`,
)
