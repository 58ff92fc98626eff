#!/usr/bin/env node
// The runtime matrix (`pnpm test:runtimes`): the conformance suite, the examples, the CLI and
// @tsgi/aws-lambda on Node 22 and 24, the suite on Bun and Deno through @tsgi/fetch (vitest itself runs
// under those runtimes), and the portable table on Node, Bun, Deno and workerd. Every binary is a
// devDependency of this package, so `pnpm install` brings them. Prints one line per row and a
// summary; exits 1 when a row fails. `node run.mjs bun deno` runs only those rows.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const root = fileURLToPath(new URL('../..', import.meta.url))
const bin = (pkg, path) => join(dirname(require.resolve(`${pkg}/package.json`)), path)
const vitest = join(root, 'node_modules/vitest/vitest.mjs')
const runtimesConfig = ['--config', 'test/runtimes/vitest.config.ts']

/**
 * Tests that fail because of a known tsgi bug, not a runtime limit, keyed by the end of their full
 * name: they run and must fail, so a fix shows up here (remove the entry then), and the matrix
 * stays usable meanwhile.
 */
const KNOWN_FAILURES = {
  deno: {
    'close() and return() (spec §5.4) closes the body of an async app whose client left before it returned':
      'on Deno.serve only, the body an async app returns after its client left is not closed; request.signal does abort there, so the fault is in how @tsgi/fetch hands that abort on (open)',
  },
}

// On other Node versions: the suite, the examples, and the packages that meet the platform (the
// CLI spawns that Node for its workers; Lambda runs Node 20, 22 and 24).
const NODE_TESTS = [
  'test/node-conformance',
  'test/fetch-conformance',
  'examples/',
  'packages/cli/',
  'packages/aws-lambda/',
]

const ROWS = [
  {
    name: 'node22',
    what: 'conformance (@tsgi/node, @tsgi/fetch via @hono/node-server), examples, cli, aws-lambda',
    command: [bin('node22', 'bin/node'), vitest, 'run', ...NODE_TESTS],
  },
  {
    name: 'node24',
    what: 'conformance (@tsgi/node, @tsgi/fetch via @hono/node-server), examples, cli, aws-lambda',
    command: [bin('node24', 'bin/node'), vitest, 'run', ...NODE_TESTS],
  },
  {
    name: 'bun',
    what: 'conformance (@tsgi/fetch on Bun.serve)',
    command: [bin('@oven/bun-linux-x64', 'bin/bun'), '--bun', vitest, 'run', ...runtimesConfig, 'bun-conformance'],
  },
  {
    name: 'deno',
    what: 'conformance (@tsgi/fetch on Deno.serve)',
    command: [bin('@deno/linux-x64-glibc', 'deno'), 'run', '-A', vitest, 'run', ...runtimesConfig, 'deno-conformance'],
  },
  {
    name: 'portable',
    what: 'portable table (@tsgi/fetch on Node, Bun, Deno, workerd)',
    command: [process.execPath, vitest, 'run', ...runtimesConfig, 'portable'],
  },
]

const only = process.argv.slice(2)
const out = mkdtempSync(join(tmpdir(), 'tsgi-runtimes-'))
const results = []
const started = Date.now()
for (const row of ROWS.filter((row) => only.length === 0 || only.includes(row.name))) {
  const [program, ...args] = row.command
  const report = join(out, `${row.name}.json`)
  const rowStarted = Date.now()
  console.log(`\n--- ${row.name}: ${row.what}`)
  const child = spawnSync(program, [...args, '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  })
  results.push({ ...row, ...judge(row.name, report, child.status), seconds: (Date.now() - rowStarted) / 1000 })
}
rmSync(out, { recursive: true, force: true })

console.log('\nruntime matrix')
for (const { name, passed, failed, skipped, known, problems, seconds } of results) {
  const knownText = known.length ? `, ${known.length} known tsgi bug` : ''
  console.log(
    `  ${name.padEnd(9)} ${passed} passed, ${failed} failed, ${skipped} skipped${knownText} (${seconds.toFixed(1)} s)`,
  )
  for (const line of problems) console.log(`      ${line}`)
}
console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s`)
// .ci/run folds the matrix's counts into its summary line.
if (process.env.TSGI_RUNTIMES_REPORT) {
  const sum = (key) => results.reduce((total, result) => total + result[key], 0)
  const counts = { passed: sum('passed'), failed: sum('failed'), skipped: sum('skipped') }
  writeFileSync(process.env.TSGI_RUNTIMES_REPORT, JSON.stringify(counts))
}
process.exit(results.every((result) => result.ok) ? 0 : 1)

/** Reads a row's vitest JSON report; a known failure that fails passes, one that passes fails. */
function judge(name, report, status) {
  if (!existsSync(report))
    return { ok: false, passed: 0, failed: 1, skipped: 0, known: [], problems: [`no report (exit ${status})`] }
  const { testResults = [] } = JSON.parse(readFileSync(report, 'utf8'))
  const known = KNOWN_FAILURES[name] ?? {}
  const counts = { passed: 0, failed: 0, skipped: 0, known: [], problems: [] }
  for (const file of testResults) {
    if (file.status === 'failed' && file.assertionResults.length === 0) {
      counts.failed++
      counts.problems.push(`${file.name}: ${file.message}`)
    }
    for (const test of file.assertionResults) {
      const reason = Object.entries(known).find(([name]) => test.fullName.endsWith(name))?.[1]
      if (test.status === 'failed' && reason) counts.known.push(`${test.title}: ${reason}`)
      else if (test.status === 'failed') {
        counts.failed++
        counts.problems.push(`failed: ${test.fullName}`)
      } else if (test.status === 'passed' && reason) {
        counts.failed++
        counts.problems.push(`now passes, remove it from KNOWN_FAILURES: ${test.title}`)
      } else if (test.status === 'passed') counts.passed++
      else counts.skipped++
    }
  }
  counts.problems.push(...counts.known.map((line) => `known tsgi bug: ${line}`))
  const ok = counts.failed === 0 && (status === 0 || counts.known.length > 0)
  return { ok, ...counts }
}
