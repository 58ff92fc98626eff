// Opt-in load test for @tsgi/node (`pnpm test:load`; `.ci/run` runs `--quick`). 127.0.0.1 only, bounded.
//  1. CONNECTIONS keep-alive connections send requests at a fixed total RATE for DURATION s, to
//     raw node:http and then to @tsgi/node, each in its own process: zero errors, every request
//     answered, and the server's RSS at the end within 20% of its RSS after warm-up; errors, p99
//     latency and RSS are reported side by side.
//  2. BYTES out to a slow reader, then BYTES in: the server's RSS grows by less than 128 MiB.
// `--quick` runs a shortened version (5 s, 200 connections, 128 MiB). Exits 1 on any failure.
import { fork } from 'node:child_process'
import { connect } from 'node:net'
import { fileURLToPath } from 'node:url'

const quick = process.argv.includes('--quick')
const env = (name, fallback) => Number(process.env[name] ?? fallback)
const DURATION = env('DURATION', quick ? 5 : 30)
const CONNECTIONS = env('CONNECTIONS', quick ? 200 : 1000)
const RATE = env('RATE', quick ? 2000 : 5000)
const BYTES = env('BYTES', quick ? 128 * 1024 ** 2 : 1024 ** 3)
const MiB = 1024 ** 2

const failures = []
const check = (ok, text) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${text}`)
  if (!ok) failures.push(text)
}

/** Starts load-server.mjs (`raw`: the node:http baseline) in its own process, with an RSS probe. */
async function startServer(raw) {
  const child = fork(fileURLToPath(new URL('./load-server.mjs', import.meta.url)), raw ? ['--raw'] : [], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const messages = []
  const waiters = []
  child.on('message', (message) => {
    const waiter = waiters.shift()
    if (waiter) waiter(message)
    else messages.push(message)
  })
  const nextMessage = () =>
    messages.length > 0 ? Promise.resolve(messages.shift()) : new Promise((r) => waiters.push(r))
  const { url } = await nextMessage()
  const server = {
    port: Number(new URL(url).port),
    url,
    heapUsed: 0,
    async rss(settle = true) {
      child.send(settle ? 'rss' : 'rss-now')
      const message = await nextMessage()
      if (settle) server.heapUsed = message.heapUsed
      return message.rss
    },
    async close() {
      child.send('close')
      await new Promise((resolve) => child.once('exit', resolve))
    },
  }
  return server
}

/** One keep-alive connection sending a request whenever `send()` is called; counts answers and latencies. */
function keepAlive(port, stats) {
  const socket = connect({ host: '127.0.0.1', port })
  socket.setNoDelay(true)
  let buffer = ''
  let inFlight = 0
  let sentAt = 0
  socket.setEncoding('latin1')
  socket.on('data', (text) => {
    buffer += text
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n')
      if (end === -1) return
      const length = Number(/content-length: (\d+)/i.exec(buffer.slice(0, end))?.[1] ?? Number.NaN)
      if (buffer.length < end + 4 + length) return
      if (!buffer.startsWith('HTTP/1.1 200 ') || Number.isNaN(length)) stats.errors++
      buffer = buffer.slice(end + 4 + length)
      inFlight--
      stats.done++
      stats.latencies.push(performance.now() - sentAt)
    }
  })
  socket.on('error', () => stats.errors++)
  socket.on('close', () => {
    if (!stats.stopping) stats.errors++
  })
  return {
    send() {
      if (inFlight > 0) {
        stats.skipped++ // the previous answer has not arrived: the server is behind the rate
        return
      }
      inFlight++
      stats.sent++
      sentAt = performance.now()
      socket.write('GET / HTTP/1.1\r\nHost: load\r\n\r\n')
    },
    close: () => socket.destroy(),
  }
}

async function steady(seconds, connections, stats) {
  const tickMs = 10
  const perTick = (RATE * tickMs) / 1000
  let credit = 0
  let next = 0
  const deadline = Date.now() + seconds * 1000
  while (Date.now() < deadline) {
    credit += perTick
    while (credit >= 1) {
      connections[next++ % connections.length].send()
      credit--
    }
    await new Promise((resolve) => setTimeout(resolve, tickMs))
  }
  // Let the last answers arrive.
  const drainDeadline = Date.now() + 5000
  while (stats.done < stats.sent && Date.now() < drainDeadline) await new Promise((r) => setTimeout(r, 20))
}

/** The keep-alive soak against one server: warm-up, then DURATION s measured. */
async function soak(server) {
  const stats = { sent: 0, done: 0, errors: 0, skipped: 0, stopping: false, latencies: [] }
  const connections = Array.from({ length: CONNECTIONS }, () => keepAlive(server.port, stats))
  // Warm-up: V8 sizes its heap and compiles the hot paths; RSS is compared from here on.
  await steady(Math.max(3, DURATION / 3), connections, stats)
  const warm = await server.rss()
  const warmHeap = server.heapUsed
  const warmDone = stats.done
  stats.latencies = []
  await steady(DURATION, connections, stats)
  const after = await server.rss()
  stats.stopping = true
  for (const connection of connections) connection.close()
  const sorted = stats.latencies.sort((a, b) => a - b)
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? Number.NaN
  return { stats, warm, after, warmHeap, heap: server.heapUsed, answers: stats.done - warmDone, p99 }
}

console.log(`${CONNECTIONS} connections, ${RATE} req/s, ${DURATION} s, ${BYTES / MiB} MiB transfers`)
const results = {}
for (const [name, raw] of [
  ['node:http', true],
  ['@tsgi/node', false],
]) {
  const server = await startServer(raw)
  const result = await soak(server)
  await server.close()
  results[name] = result
  const { stats, warm, after, warmHeap, heap, answers, p99 } = result
  console.log(
    `${name.padEnd(10)} keep-alive: ${answers} answers in ${DURATION} s (${Math.round(answers / DURATION)}/s), ` +
      `${stats.skipped} ticks skipped, ${stats.errors} errors, p99 ${p99.toFixed(1)} ms; ` +
      `RSS ${(warm / MiB).toFixed(1)} → ${(after / MiB).toFixed(1)} MiB, heap used ${(warmHeap / MiB).toFixed(1)} → ${(heap / MiB).toFixed(1)} MiB`,
  )
}
const tsgi = results['@tsgi/node']
const base = results['node:http']
console.log(
  `@tsgi/node beside node:http: p99 ${(tsgi.p99 / base.p99).toFixed(2)}×, RSS after warm-up ${(tsgi.warm / base.warm).toFixed(2)}×`,
)
check(tsgi.stats.errors === 0, 'zero errors on keep-alive connections')
check(tsgi.stats.done === tsgi.stats.sent, 'every request answered')
check(Math.abs(tsgi.after - tsgi.warm) <= tsgi.warm * 0.2, 'RSS at the end within 20% of RSS after warm-up')

const server = await startServer(false)
const { port } = server
const rss = (settle) => server.rss(settle)

/** Samples the server's RSS every 100 ms while `work` runs; returns the peak. */
async function peakDuring(work) {
  let peak = 0
  let running = true
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, await rss(false))
      await new Promise((r) => setTimeout(r, 100))
    }
  })()
  const result = await work()
  running = false
  await sampler
  return { peak, result }
}

// 2a. BYTES out to a reader that takes a short break after every MiB.
const outBase = await rss()
const out = await peakDuring(
  () =>
    new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: Number(port) })
      let received = 0
      let sinceBreak = 0
      socket.on('data', (chunk) => {
        received += chunk.length
        sinceBreak += chunk.length
        if (sinceBreak >= MiB) {
          sinceBreak = 0
          socket.pause()
          setTimeout(() => socket.resume(), 2)
        }
      })
      socket.on('end', () => resolve(received))
      socket.on('error', reject)
      socket.write(`GET /big?n=${BYTES} HTTP/1.1\r\nHost: load\r\nConnection: close\r\n\r\n`)
    }),
)
console.log(
  `slow reader: ${(out.result / MiB).toFixed(0)} MiB received; server RSS peak +${((out.peak - outBase) / MiB).toFixed(1)} MiB`,
)
check(out.result > BYTES, 'the whole body reached the slow reader')
check(out.peak - outBase < 128 * MiB, 'server RSS growth under 128 MiB sending')

// 2b. BYTES in, written as fast as the server takes them (client respects backpressure).
const base2 = await rss()
const inbound = await peakDuring(
  () =>
    new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: Number(port) })
      let answer = ''
      socket.setEncoding('latin1')
      socket.on('data', (text) => {
        answer += text
      })
      socket.on('end', () => resolve(answer))
      socket.on('error', reject)
      socket.write(`POST /upload HTTP/1.1\r\nHost: load\r\nContent-Length: ${BYTES}\r\nConnection: close\r\n\r\n`)
      const block = Buffer.alloc(64 * 1024, 121)
      let sent = 0
      const pump = () => {
        while (sent < BYTES) {
          const piece = BYTES - sent >= block.length ? block : block.subarray(0, BYTES - sent)
          sent += piece.length
          if (!socket.write(piece)) return socket.once('drain', pump)
        }
      }
      pump()
    }),
)
console.log(
  `upload: server answered ${JSON.stringify(inbound.result.split('\r\n\r\n')[1])}; RSS peak +${((inbound.peak - base2) / MiB).toFixed(1)} MiB`,
)
check(inbound.result.endsWith(`\r\n\r\n${BYTES}`), 'the server read the whole upload')
check(inbound.peak - base2 < 128 * MiB, 'server RSS growth under 128 MiB receiving')

await server.close()
console.log(failures.length === 0 ? 'load test passed' : `load test FAILED: ${failures.length} check(s)`)
process.exit(failures.length === 0 ? 0 : 1)
