// In-process micro-benchmarks: every cell (implementation × input) in a fresh node process,
// pinned to core 0, cells interleaved round by round with a rotating start.
import { fileURLToPath } from 'node:url'
import { collect, reason, spawnNode } from './proc.mjs'
import { ratios, summarize } from './stats.mjs'

async function cell(group, implementation, input, budgetMs) {
  const script = fileURLToPath(group.script)
  try {
    const output = await collect(spawnNode(script, [implementation, input, String(budgetMs)], 0), 120000)
    return JSON.parse(output.trim().split('\n').pop())
  } catch (error) {
    return { error: reason(error) }
  }
}

/**
 * Runs `group` ({ name, title, script, unit, baseline, implementations, inputs }) for
 * `settings.rounds` rounds and resolves with, per input, one row per implementation: ns per
 * operation (median, min–max), the speed ratio to the baseline (baseline ns / ns, paired by
 * round) and the time added over the baseline.
 */
export async function runMicroGroup(group, settings, log) {
  const samples = {}
  const errors = {}
  for (const input of group.inputs) {
    samples[input] = {}
    for (const implementation of group.implementations) samples[input][implementation] = []
  }
  const { implementations } = group
  for (let index = 0; index < settings.rounds; index++) {
    for (const input of group.inputs) {
      for (let offset = 0; offset < implementations.length; offset++) {
        const implementation = implementations[(index + offset) % implementations.length]
        const result = await cell(group, implementation, input, settings.budgetMs)
        if (result.error) errors[`${implementation} ${input}`] = result.error
        samples[input][implementation][index] = result.error ? Number.NaN : result.ns
      }
    }
    log(`  round ${index + 1}/${settings.rounds} done`)
  }
  for (const [key, error] of Object.entries(errors)) log(`  ${key}: ${error}`)
  return {
    name: group.name,
    title: group.title,
    unit: group.unit,
    showAdded: Boolean(group.showAdded),
    baseline: group.baseline,
    inputs: group.inputs.map((input) => {
      const base = samples[input][group.baseline]
      return {
        input,
        rows: implementations.map((implementation) => {
          const values = samples[input][implementation]
          const added = values.map((value, round) => value - base[round])
          return {
            name: implementation,
            error: errors[`${implementation} ${input}`] ?? null,
            ns: summarize(values),
            ratio: ratios(values, base, true),
            addedNs: summarize(added),
            rounds: values,
          }
        }),
      }
    }),
  }
}
