// The project's targets, judged from a run's results by the median ratio. A target whose cells
// were not measured is "not measured", never "met".

function scenario(results, name) {
  return results.http.find((entry) => entry.name === name)
}

function microInput(results, group, input) {
  return results.micro.find((entry) => entry.name === group)?.inputs.find((entry) => entry.input === input)
}

function row(rows, name) {
  const found = rows?.find((entry) => entry.name === name)
  return found && !found.error ? found : null
}

const fmt = (value) => `${value.toFixed(2)}×`

/** 'met' at the target, 'required only' between the required floor and the target, else 'missed'. */
function grade(value, target, required = target) {
  if (value >= target) return 'met'
  return value >= required ? 'required only' : 'missed'
}

/** tsgi's CPU-per-request ratio and the framework rows of a scenario (every row but tsgi and the raw baseline). */
function standing(results, name) {
  const rows = scenario(results, name)?.rows ?? []
  const ours = row(rows, 'tsgi')
  const peers = rows.filter((entry) => entry.name !== 'tsgi' && entry.name !== 'node:http')
  const measured = Boolean(ours) && peers.length > 0 && peers.every((entry) => !entry.error)
  return { ours, peers, measured }
}

/** The realistic stack: ahead of Hono (required), 1.10× the best of fastify and Hono, peak RSS ≤ fastify's. */
function stackTargets(results) {
  const { ours, peers, measured } = standing(results, 'stack')
  const pick = (name) => peers.find((entry) => entry.name === name)
  const [fastify, hono] = [pick('fastify'), pick('hono')]
  const ok = measured && fastify && hono
  const best = ok ? Math.max(fastify.cpuRatio.median, hono.cpuRatio.median) : Number.NaN
  const ratio = ok ? ours.cpuRatio.median : Number.NaN
  const ahead = ratio > hono?.cpuRatio.median
  return [
    {
      scope: 'stack',
      target: 'realistic stack ≥ 1.10× the best of fastify and Hono (CPU per request; required: ahead of Hono)',
      measured: ok
        ? `tsgi ${fmt(ratio)}, fastify ${fmt(fastify.cpuRatio.median)}, Hono ${fmt(hono.cpuRatio.median)}: ${fmt(ratio / best)} the best`
        : '–',
      status: ok ? (ratio >= best * 1.1 ? 'met' : ahead ? 'required only' : 'missed') : 'not measured',
    },
    {
      scope: 'stack',
      target: "realistic stack's peak RSS no higher than fastify's",
      measured: ok ? `tsgi ${Math.round(ours.peakRssMiB)} MiB, fastify ${Math.round(fastify.peakRssMiB)} MiB` : '–',
      status: ok ? (ours.peakRssMiB <= fastify.peakRssMiB ? 'met' : 'missed') : 'not measured',
    },
  ]
}

/** tsgi's CPU-per-request ratio strictly ahead of every framework's in one scenario. */
function aheadTarget(results, name, target) {
  const { ours, peers, measured } = standing(results, name)
  const ratio = ours?.cpuRatio.median
  const best = Math.max(...peers.map((entry) => entry.cpuRatio?.median ?? Number.NaN))
  return {
    scope: name,
    target,
    measured: measured
      ? `tsgi ${fmt(ratio)}; ${peers.map((entry) => `${entry.name} ${fmt(entry.cpuRatio.median)}`).join(', ')}`
      : '–',
    status: measured && Number.isFinite(best) ? (ratio > best ? 'met' : 'missed') : 'not measured',
  }
}

/**
 * Each target with the suite it belongs to (`scope`), its measured value and `status`: 'met',
 * 'missed' or 'not measured'.
 */
export function judge(results) {
  const targets = []

  const hello = row(scenario(results, 'hello')?.rows, '@tsgi/node')
  const helloRatio = hello?.cpuRatio.median
  targets.push({
    scope: 'hello',
    target: '`@tsgi/node` hello world ≥ 0.95× raw `node:http` (CPU per request; required ≥ 0.92×)',
    measured: Number.isFinite(helloRatio) ? `${fmt(helloRatio)} (req/s ${fmt(hello.throughputRatio.median)})` : '–',
    status: Number.isFinite(helloRatio) ? grade(helloRatio, 0.95, 0.92) : 'not measured',
  })
  targets.push(...stackTargets(results))
  targets.push(aheadTarget(results, 'production-stack', 'production stack ahead of fastify and Hono (CPU per request)'))

  const routerRow = row(microInput(results, 'router', 'mixed')?.rows, 'tsgi')
  const routerRatio = routerRow?.ratio.median
  targets.push({
    scope: 'router',
    target: 'router ≥ 1.5× find-my-way (mixed lookups)',
    measured: Number.isFinite(routerRatio) ? fmt(routerRatio) : '–',
    status: Number.isFinite(routerRatio) ? (routerRatio >= 1.5 ? 'met' : 'missed') : 'not measured',
  })

  const queryGroup = results.micro.find((entry) => entry.name === 'query')
  const queryRatios = (queryGroup?.inputs ?? []).map((input) => [input.input, row(input.rows, 'tsgi')?.ratio.median])
  const queryMeasured = queryRatios.length > 0 && queryRatios.every(([, value]) => Number.isFinite(value))
  targets.push({
    scope: 'query',
    target: '`parseQs` ≥ fast-querystring (every input)',
    measured: queryMeasured ? queryRatios.map(([input, value]) => `${input} ${fmt(value)}`).join(', ') : '–',
    status: queryMeasured ? (queryRatios.every(([, value]) => value >= 1) ? 'met' : 'missed') : 'not measured',
  })
  targets.push(staticTarget(results, 'static-small', 'ahead of every peer on a 1 KiB file (req/s)', 1))
  targets.push(staticTarget(results, 'static-large', 'within 10% of the best peer on a 64 MiB file (MiB/s)', 0.9))
  for (const name of ['compress-json-gzip', 'compress-json-br', 'compress-text-gzip', 'compress-text-br']) {
    const rows = scenario(results, name)?.rows
    const ours = row(rows, '@tsgi/compress')
    const peers = (rows ?? []).filter((entry) => entry.name !== '@tsgi/compress')
    // The baseline peer is 1.00× by definition; the best peer is the highest ratio among them.
    const bestPeer = Math.max(...peers.filter((entry) => !entry.error).map((entry) => entry.throughputRatio.median))
    const goal = name.startsWith('compress-json') ? 1.2 : 1
    const ratio = ours?.throughputRatio.median
    const measured = Number.isFinite(ratio) && Number.isFinite(bestPeer) && peers.every((entry) => !entry.error)
    targets.push({
      scope: name,
      target: `\`@tsgi/compress\` ≥ ${goal === 1 ? '' : `${goal}× `}the best peer, ${name.slice('compress-'.length)} (req/s or MiB/s; required ≥ 1×)`,
      measured: measured
        ? `${fmt(ratio / bestPeer)} of the best peer (CPU ${fmt(ours.cpuRatio.median)} of the baseline's)`
        : '–',
      status: measured ? (ratio / bestPeer >= goal ? 'met' : 'missed') : 'not measured',
    })
  }
  return targets
}

/** `@tsgi/static` against the best of its peers in one static scenario: met when ratio > factor × best (≥ for factor < 1). */
function staticTarget(results, name, target, factor) {
  const rows = scenario(results, name)?.rows
  const ours = row(rows, '@tsgi/static')?.throughputRatio.median
  const peers = (rows ?? []).filter((entry) => entry.name !== '@tsgi/static')
  const best = Math.max(...peers.map((entry) => (entry.error ? Number.NaN : entry.throughputRatio.median)))
  const measured = Number.isFinite(ours) && Number.isFinite(best) && peers.length > 0
  const met = factor >= 1 ? ours > best * factor : ours >= best * factor
  return {
    scope: name,
    target: `\`@tsgi/static\` ${target}`,
    measured: measured ? `${fmt(ours / best)} the best peer` : '–',
    status: measured ? (met ? 'met' : 'missed') : 'not measured',
  }
}
