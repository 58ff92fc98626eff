// The load generator, always in its own process pinned to core 1: Debian's `wrk` when it is
// installed (lighter, gets ~10% more out of the same server), autocannon otherwise.
import { fileURLToPath } from 'node:url'
import { collect, has, spawnNode, spawnPinned } from './proc.mjs'

const useWrk = has('wrk') && process.env.TSGI_BENCH_AUTOCANNON !== '1'
const autocannonChild = fileURLToPath(new URL('./autocannon-child.mjs', import.meta.url))

/** Which generator this run uses, for the report. */
export const generator = useWrk ? 'wrk' : 'autocannon'

/**
 * Loads `url` (127.0.0.1 only) with `connections` keep-alive connections for `seconds`, each
 * request carrying `headers` (an object; none by default).
 * Resolves with `{ requests, seconds, rps, p50, p99, bad }` (latencies in ms, `bad` counting
 * non-2xx responses and socket errors).
 */
export async function load(url, { connections, seconds, headers = {} }) {
  if (new URL(url).hostname !== '127.0.0.1') throw new RangeError(`load(): only 127.0.0.1 is loaded, got ${url}`)
  const timeout = (seconds + 30) * 1000
  if (useWrk) {
    const extra = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`])
    const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', ...extra, url]
    return parseWrk(await collect(spawnPinned('wrk', args, 1), timeout))
  }
  const args = [url, String(connections), String(seconds), JSON.stringify(headers)]
  return JSON.parse(await collect(spawnNode(autocannonChild, args, 1), timeout))
}

function toMs(text) {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text)
  if (!match) return Number.NaN
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60000 }[match[2]]
  return Number(match[1]) * scale
}

function parseWrk(output) {
  const total = /(\d+) requests in ([\d.]+)(us|ms|s|m),/.exec(output)
  if (!total) throw new Error(`unreadable wrk output:\n${output}`)
  const requests = Number(total[1])
  const seconds = toMs(`${total[2]}${total[3]}`) / 1000
  const p50 = /^\s*50%\s+(\S+)/m.exec(output)
  const p99 = /^\s*99%\s+(\S+)/m.exec(output)
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output)
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output)
  const errors = socket ? socket.slice(1).reduce((sum, count) => sum + Number(count), 0) : 0
  return {
    requests,
    seconds,
    rps: requests / seconds,
    p50: p50 ? toMs(p50[1]) : Number.NaN,
    p99: p99 ? toMs(p99[1]) : Number.NaN,
    bad: (non2xx ? Number(non2xx[1]) : 0) + errors,
  }
}
