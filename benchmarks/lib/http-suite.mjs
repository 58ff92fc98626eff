// One HTTP scenario: every server up at once (idle ones cost nothing), checked for the same
// answer, warmed up, then loaded in interleaved rounds A B C … A B C …, rotating who goes first.

import { connect } from 'node:http2'
import { fileURLToPath } from 'node:url'
import { load, loadH2 } from './load.mjs'
import { collect, cpuSeconds, peakRssMiB, reason, spawnNode } from './proc.mjs'
import { startServer } from './servers.mjs'
import { ratios, summarize } from './stats.mjs'

const streamClient = fileURLToPath(new URL('./stream-client.mjs', import.meta.url))

/** GETs `url`; fetch decodes a gzip or br body, and `encoding` is the Content-Encoding it had. */
async function fetchText(url, headers = {}) {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(10000) })
  const encoding = response.headers.get('content-encoding') ?? undefined
  return { status: response.status, encoding, headers: response.headers, body: await response.text() }
}

/**
 * A scenario with `login` (a path) sends each server the cookies that server set on `GET login`:
 * resolves with the headers to send it, the scenario's own plus that Cookie header.
 */
async function requestHeaders(scenario, server) {
  if (!scenario.login) return scenario.headers
  const { status, headers } = await fetchText(server.url + scenario.login, scenario.headers)
  const cookies = headers.getSetCookie().map((line) => line.split(';')[0])
  if (status !== 200 || cookies.length === 0) throw new Error(`GET ${scenario.login} answered ${status}, no cookie`)
  return { ...scenario.headers, cookie: cookies.join('; ') }
}

/** The first response header of `scenario.checks` ({ name: test(value) }) that fails its test. */
function failedCheck(scenario, headers) {
  const name = Object.keys(scenario.checks ?? {}).find((key) => !scenario.checks[key](headers.get(key) ?? undefined))
  return name === undefined ? null : `${name}: ${headers.get(name)}`
}

/** GET over h2c with node's http2 client: `{ status, body }`. */
function fetchH2(url) {
  const { origin, pathname } = new URL(url)
  return new Promise((resolve, reject) => {
    const session = connect(origin)
    session.on('error', reject)
    const stream = session.request({ ':path': pathname })
    let status = 0
    let body = ''
    stream.setEncoding('utf8')
    stream.on('response', (headers) => {
      status = headers[':status']
    })
    stream.on('data', (chunk) => {
      body += chunk
    })
    stream.on('end', () => {
      session.close()
      resolve({ status, body })
    })
    stream.on('error', reject)
  })
}

/** Runs the stream client (pinned to core 1) and resolves with its JSON line. */
async function streamRun(mode, url, count, encoding = 'identity') {
  return JSON.parse(await collect(spawnNode(streamClient, [mode, url, String(count), encoding], 1), 300000))
}

/** Checks a server's answer; resolves with an error message, or null when it is right. */
async function verify(scenario, server) {
  const url = server.url + scenario.path
  if (scenario.kind === 'load' || scenario.kind === 'h2load') {
    const { status, encoding, headers, body } = await (scenario.kind === 'h2load'
      ? fetchH2(url)
      : fetchText(url, server.headers))
    if (status !== 200) return `GET ${scenario.path} answered ${status}: ${body.slice(0, 200)}`
    if (body !== scenario.expected) return `GET ${scenario.path} answered ${JSON.stringify(body.slice(0, 200))}`
    if (encoding !== scenario.encoding) return `GET ${scenario.path} came with content-encoding ${encoding}`
    const failed = failedCheck(scenario, headers)
    return failed && `GET ${scenario.path} came with ${failed}`
  }
  const result = await streamRun(`verify-${scenario.kind}`, url, 1, scenario.encoding)
  return result.digest === scenario.expected ? null : `${scenario.kind} answered ${result.digest}`
}

/** One measured round against one server: the client's numbers plus the server's CPU time. */
async function round(scenario, server, settings) {
  const url = server.url + scenario.path
  const before = cpuSeconds(server.pid)
  if (scenario.kind === 'load' || scenario.kind === 'h2load') {
    const generate = scenario.kind === 'h2load' ? loadH2 : load
    const result = await generate(url, {
      connections: scenario.connections ?? settings.connections,
      seconds: settings.seconds,
      headers: server.headers,
    })
    if (!(result.requests > 0)) throw new Error('no request completed in the round')
    const cpu = cpuSeconds(server.pid) - before
    return { ...result, cpuUs: (cpu / result.requests) * 1e6 }
  }
  const result = await streamRun(scenario.kind, url, scenario.transfers ?? settings.transfers, scenario.encoding)
  const cpu = cpuSeconds(server.pid) - before
  return { ...result, cpuMsPerMiB: (cpu * 1000) / result.mib }
}

/**
 * Runs `scenario` ({ name, title, kind: 'load' | 'download' | 'upload', path, expected,
 * servers: [{ name, file }], and optionally `connections` and `transfers` (in place of the settings'), `headers`
 * (sent with each load request), `encoding` (the Content-Encoding every answer must have), `login`
 * (a path whose cookies each server's requests then carry) and `checks` (response headers
 * tested) },
 * the first server being the
 * baseline) and resolves with its results, ratios to the baseline included.
 */
export async function runHttpScenario(scenario, settings, log) {
  const entries = scenario.servers.map(({ name }) => ({ name, rounds: [], error: null, peakRssMiB: Number.NaN }))
  // Start-up and checks run side by side (nothing is measured yet), which keeps --quick quick.
  await Promise.all(
    scenario.servers.map(async ({ file }, index) => {
      const entry = entries[index]
      try {
        entry.server = await startServer(fileURLToPath(file))
        entry.server.headers = await requestHeaders(scenario, entry.server)
        const problem = await verify(scenario, entry.server)
        if (problem) throw new Error(`wrong answer: ${problem}`)
      } catch (error) {
        entry.error = reason(error)
        entry.server?.stop()
        entry.server = null
        log(`  ${entry.name}: skipped (${entry.error})`)
      }
    }),
  )
  const live = entries.filter((entry) => entry.server)
  try {
    // Warm-up. A streaming check already moved 64 MiB through the server, which warms it enough.
    for (const entry of live) {
      if (scenario.kind !== 'load' && scenario.kind !== 'h2load') continue
      const generate = scenario.kind === 'h2load' ? loadH2 : load
      await generate(entry.server.url + scenario.path, {
        connections: scenario.connections ?? settings.connections,
        seconds: settings.warmup,
        headers: entry.server.headers,
      })
    }
    for (let index = 0; index < settings.rounds; index++) {
      for (let offset = 0; offset < live.length; offset++) {
        const entry = live[(index + offset) % live.length]
        try {
          entry.rounds[index] = await round(scenario, entry.server, settings)
        } catch (error) {
          entry.rounds[index] = { error: reason(error) }
        }
      }
      log(`  round ${index + 1}/${settings.rounds} done`)
    }
    for (const entry of live) entry.peakRssMiB = peakRssMiB(entry.server.pid)
  } finally {
    for (const entry of live) entry.server.stop()
  }
  return summarizeScenario(scenario, entries)
}

function column(entry, key) {
  return entry.rounds.map((result) => (result && !result.error && !(result.bad > 0) ? result[key] : Number.NaN))
}

function summarizeScenario(scenario, entries) {
  const base = entries[0]
  const perRequest = scenario.kind === 'load' || scenario.kind === 'h2load'
  const throughputKey = perRequest ? 'rps' : 'mibps'
  const cpuKey = perRequest ? 'cpuUs' : 'cpuMsPerMiB'
  return {
    name: scenario.name,
    title: scenario.title,
    kind: scenario.kind,
    path: scenario.path,
    baseline: base.name,
    rows: entries.map((entry) => ({
      name: entry.name,
      error: entry.error,
      roundErrors: entry.rounds.filter((result) => result?.error || result?.bad > 0).length,
      throughput: summarize(column(entry, throughputKey)),
      throughputRatio: ratios(column(entry, throughputKey), column(base, throughputKey)),
      cpu: summarize(column(entry, cpuKey)),
      cpuRatio: ratios(column(entry, cpuKey), column(base, cpuKey), true),
      p50: summarize(column(entry, 'p50')),
      p99: summarize(column(entry, 'p99')),
      peakRssMiB: entry.peakRssMiB,
      rounds: entry.rounds,
    })),
  }
}
