// Tables shared by the console output (run.mjs) and docs/benchmarks.md (report.mjs): the same
// rows, drawn padded for a terminal or as Markdown.

function number(value, digits) {
  if (!Number.isFinite(value)) return '–'
  if (digits === 0) return Math.round(value).toLocaleString('en-US')
  return value.toFixed(digits)
}

/** "median (min–max)" of a summary, or "–" when nothing was measured. */
export function range(summary, digits) {
  if (!summary || summary.n === 0) return '–'
  if (summary.n === 1) return number(summary.median, digits)
  return `${number(summary.median, digits)} (${number(summary.min, digits)}–${number(summary.max, digits)})`
}

function ratio(summary) {
  if (!summary || summary.n === 0) return '–'
  return `${range(summary, 2)}×`
}

function failed(row, columns) {
  return [row.name, 'not measured¹', ...Array(columns - 2).fill('')]
}

function notesOf(rows) {
  return rows.filter((row) => row.error).map((row) => `¹ ${row.name}: ${row.error}`)
}

/** Header and rows for one HTTP scenario's results: request loads, or streamed transfers. */
export function httpTable(scenario) {
  const base = scenario.baseline
  const load = scenario.kind === 'load' || scenario.kind === 'h2load'
  const header = load
    ? ['server', 'req/s', `× ${base}`, 'CPU µs/req', `CPU × ${base}`, 'p50 ms', 'p99 ms', 'peak RSS MiB']
    : ['server', 'MiB/s', `× ${base}`, 'CPU ms/MiB', `CPU × ${base}`, 'peak RSS MiB']
  const rows = scenario.rows.map((row) =>
    row.error
      ? failed(row, header.length)
      : [
          row.roundErrors ? `${row.name} (${row.roundErrors} bad rounds)` : row.name,
          range(row.throughput, 0),
          ratio(row.throughputRatio),
          range(row.cpu, load ? 1 : 2),
          ratio(row.cpuRatio),
          ...(load ? [range(row.p50, 2), range(row.p99, 2)] : []),
          number(row.peakRssMiB, 0),
        ],
  )
  return { header, rows, notes: notesOf(scenario.rows) }
}

/** Header and rows for one micro-benchmark input. */
export function microTable(group, input) {
  const header = ['implementation', `${group.unit}`, `× ${group.baseline}`]
  if (group.showAdded) header.push(`ns added to ${group.baseline}`)
  const rows = input.rows.map((row) => {
    if (row.error && row.ns.n === 0) return failed(row, header.length)
    const cells = [row.name, range(row.ns, row.ns.median < 100 ? 1 : 0), ratio(row.ratio)]
    if (group.showAdded) cells.push(range(row.addedNs, 1))
    return cells
  })
  return { header, rows, notes: notesOf(input.rows.filter((row) => row.ns.n === 0)) }
}

/**
 * Every layer measured by a suite that shows the time added to its bare app, in one table: the
 * layer, the suite, ns added per call (median, min–max over the rounds, paired with that
 * suite's bare cell of the same round) and the whole call as a ratio to the bare app.
 */
export function layerPriceTable(results) {
  const header = ['layer', 'suite', 'ns added per call', 'call × bare']
  const rows = []
  for (const group of results.micro.filter((entry) => entry.showAdded)) {
    for (const input of group.inputs) {
      for (const row of input.rows.filter((entry) => entry.name !== group.baseline)) {
        const name = group.inputs.length > 1 ? `${row.name} (${input.input})` : row.name
        rows.push(
          row.ns.n === 0
            ? [name, group.name, 'not measured', '']
            : [name, group.name, range(row.addedNs, 0), ratio(row.ratio)],
        )
      }
    }
  }
  return { header, rows }
}

/** A table drawn with padded columns, for a terminal. */
export function drawText({ header, rows, notes = [] }) {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => String(row[column]).length)))
  const line = (row) =>
    row
      .map((cell, column) => String(cell).padEnd(widths[column]))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line), ...notes].join('\n')
}

/** A table as Markdown. */
export function drawMarkdown({ header, rows, notes = [] }) {
  const line = (row) => `| ${row.map((cell) => String(cell).replace(/\|/g, '\\|')).join(' | ')} |`
  const table = [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
  return notes.length ? `${table}\n\n${notes.map((note) => `${note.replace(/`/g, "'")}`).join('<br>\n')}` : table
}
