// `node benchmarks/multipart.mjs [--rounds N] [--budget MS]`: @tsgi/multipart's parts() beside
// @fastify/busboy and busboy, fed the same bytes in the same 64 KiB chunks, on one 64 MiB file and
// on 1000 small fields. Every cell is its own process (micro/multipart.mjs), pinned to one core
// when taskset exists; rounds are interleaved, rotating who goes first. Prints, per input and
// implementation, the median and min–max of MiB/s and of CPU ms per MiB, and the ratio to
// @fastify/busboy taken round by round (higher is better for both). Needs `pnpm build` first.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { rounds: { type: 'string' }, budget: { type: 'string' } } })
const rounds = Number(values.rounds ?? 5)
const budget = Number(values.budget ?? 2000)
const cell = fileURLToPath(new URL('./micro/multipart.mjs', import.meta.url))
const implementations = ['@fastify/busboy', 'tsgi', 'busboy']
const baseline = '@fastify/busboy'
const inputs = { file64: 'one 64 MiB file', fields1000: '1000 small fields' }
const pinned = spawnSync('taskset', ['-c', '1', 'true']).status === 0

function run(implementation, input) {
  const [command, args] = pinned ? ['taskset', ['-c', '1', 'node']] : ['node', []]
  const out = spawnSync(command, [...args, cell, implementation, input, String(budget)], { encoding: 'utf8' })
  const result = JSON.parse(out.stdout.trim().split('\n').at(-1) || '{"error":"no output"}')
  if (result.error) throw new Error(`${implementation} ${input}: ${result.error}`)
  return result
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const range = (xs, digits) =>
  `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`

for (const [input, label] of Object.entries(inputs)) {
  const results = Object.fromEntries(implementations.map((name) => [name, []]))
  for (let round = 0; round < rounds; round++) {
    const order = implementations.map((_, i) => implementations[(i + round) % implementations.length])
    for (const name of order) results[name].push(run(name, input))
  }
  console.log(`\n${label} (${rounds} interleaved rounds, ~${budget} ms a cell${pinned ? ', pinned to core 1' : ''})`)
  console.log('implementation    MiB/s (min–max)          CPU ms/MiB (min–max)     × MiB/s      × CPU')
  for (const name of implementations) {
    const mine = results[name]
    const base = results[baseline]
    const speed = mine.map((r, i) => r.mibps / base[i].mibps)
    const cpu = mine.map((r, i) => base[i].cpuMsPerMiB / r.cpuMsPerMiB)
    console.log(
      [
        name.padEnd(17),
        range(
          mine.map((r) => r.mibps),
          1,
        ).padEnd(24),
        range(
          mine.map((r) => r.cpuMsPerMiB),
          3,
        ).padEnd(24),
        range(speed, 2).padEnd(12),
        range(cpu, 2),
      ].join(' '),
    )
  }
}
