// One micro-benchmark cell = one process: build one implementation, check its answers, time it
// with mitata, print one JSON line ({ ns } per operation, or { error }). A fresh process per
// cell keeps one implementation's JIT state (inline caches, deopts) from slowing another's.
import { isDeepStrictEqual } from 'node:util'
import { do_not_optimize, measure } from 'mitata'

function print(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

/**
 * `cases` is a list of [input, expected]; `answer(input)` gives the normalized answer checked
 * against `expected`, and `hot(input)` is the timed work (by default `answer` itself). Time per
 * operation is the median mitata sample of one pass over all inputs, divided by their number.
 * With `async: true`, `answer` and `hot` return promises, and each is awaited (WebCrypto work).
 */
export async function runCell({ cases, answer, hot = answer, budgetMs, async = false }) {
  for (const [input, expected] of cases) {
    const got = await answer(input)
    if (!isDeepStrictEqual(got, expected)) {
      return print({ error: `wrong answer for ${JSON.stringify(input).slice(0, 80)}: ${JSON.stringify(got)}` })
    }
  }
  const inputs = cases.map(([input]) => input)
  const count = inputs.length
  const pass = async
    ? async () => {
        for (let index = 0; index < count; index++) do_not_optimize(await hot(inputs[index]))
      }
    : () => {
        for (let index = 0; index < count; index++) do_not_optimize(hot(inputs[index]))
      }
  const stats = await measure(pass, { min_cpu_time: budgetMs * 1e6 })
  print({ ns: stats.p50 / count, avg: stats.avg / count, samples: stats.samples.length })
}

/** Runs `main` and prints its failure as the cell's result (e.g. a package not built yet). */
export function guard(main) {
  main().catch((error) => print({ error: String(error?.message ?? error).split('\n')[0] }))
}
