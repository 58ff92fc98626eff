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

/**
 * Each target with the suite it belongs to (`scope`), its measured value and `status`: 'met',
 * 'missed' or 'not measured'.
 */
export function judge(results) {
  const targets = []

  const hello = row(scenario(results, 'hello')?.rows, '@tsgi/node')
  const helloRatio = hello?.throughputRatio.median
  targets.push({
    scope: 'hello',
    target: '`@tsgi/node` hello world ≥ 0.95× raw `node:http` (req/s)',
    measured: Number.isFinite(helloRatio) ? `${fmt(helloRatio)} (CPU per request ${fmt(hello.cpuRatio.median)})` : '–',
    status: Number.isFinite(helloRatio) ? (helloRatio >= 0.95 ? 'met' : 'missed') : 'not measured',
  })

  const stackRows = scenario(results, 'stack')?.rows
  const stack = row(stackRows, 'tsgi')
  const stackRatio = stack?.throughputRatio.median
  const others = (stackRows ?? []).filter((entry) => entry.name !== 'tsgi' && entry.name !== 'node:http')
  const best = others
    .filter((entry) => !entry.error && Number.isFinite(entry.throughputRatio.median))
    .sort((a, b) => b.throughputRatio.median - a.throughputRatio.median)[0]
  const complete = others.length > 0 && others.every((entry) => !entry.error)
  targets.push({
    scope: 'stack',
    target: 'realistic stack ahead of every framework in the table (req/s)',
    measured:
      Number.isFinite(stackRatio) && best
        ? `tsgi ${fmt(stackRatio)}, best framework ${best.name} ${fmt(best.throughputRatio.median)}`
        : '–',
    status:
      Number.isFinite(stackRatio) && best && complete
        ? stackRatio > best.throughputRatio.median
          ? 'met'
          : 'missed'
        : 'not measured',
  })

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
