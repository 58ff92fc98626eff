// Query-parsing cell: `node query.mjs <implementation> <input> <budgetMs>`. Each parser's own
// output is normalized to key → [values] to check it, but only the parse itself is timed.
import { guard, runCell } from './cell.mjs'
import { expectedOf, inputs } from './query-inputs.mjs'

const [implementation, inputName, budget] = process.argv.slice(2)

/** key → [values] as a null-prototype record, from a parser's key → value | values object. */
function normalize(parsed) {
  const record = Object.create(null)
  for (const key of Object.keys(parsed)) {
    const value = parsed[key]
    record[key] = Array.isArray(value) ? [...value] : [value]
  }
  return record
}

async function build() {
  switch (implementation) {
    case 'tsgi': {
      const { parseQs } = await import('@tsgi/query')
      if (typeof parseQs !== 'function') throw new Error('@tsgi/query has no parseQs() yet')
      return { hot: parseQs, answer: (input) => normalize(parseQs(input)) }
    }
    case 'fast-querystring': {
      const { default: fastQuerystring } = await import('fast-querystring')
      return { hot: fastQuerystring.parse, answer: (input) => normalize(fastQuerystring.parse(input)) }
    }
    case 'node:querystring': {
      const { parse } = await import('node:querystring')
      return { hot: parse, answer: (input) => normalize(parse(input)) }
    }
    case 'URLSearchParams': {
      const hot = (input) => new URLSearchParams(input)
      const answer = (input) => {
        const record = Object.create(null)
        for (const [key, value] of hot(input)) (record[key] ??= []).push(value)
        return record
      }
      return { hot, answer }
    }
    case 'qs': {
      const { default: qs } = await import('qs')
      return { hot: qs.parse, answer: (input) => normalize(qs.parse(input)) }
    }
    default:
      throw new Error(`unknown implementation ${implementation}`)
  }
}

guard(async () => {
  const { answer, hot } = await build()
  const input = inputs[inputName]
  await runCell({ cases: [[input, expectedOf(input)]], answer, hot, budgetMs: Number(budget) })
})
