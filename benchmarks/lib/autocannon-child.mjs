// Runs autocannon in this (separate, pinned) process and prints one JSON line, so the load
// generator never shares a process or a core with the server it measures.
import autocannon from 'autocannon'

const [url, connections, seconds, headers = '{}'] = process.argv.slice(2)
const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
  pipelining: 1,
  headers: JSON.parse(headers),
})
const requests = result.requests.total
const elapsed = result.duration
process.stdout.write(
  `${JSON.stringify({
    requests,
    seconds: elapsed,
    rps: requests / elapsed,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad: result.non2xx + result.errors + result.timeouts,
  })}\n`,
)
