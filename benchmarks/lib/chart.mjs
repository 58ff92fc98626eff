// SVG bar charts of a run's ratios, drawn by report.mjs next to docs/benchmarks.md: one chart per
// scenario, one group of bars per server (one bar per measure), each bar the median ratio to the
// baseline with a whisker from the min to the max of the rounds, and a line at parity (1.00×).

const WIDTH = 760
const LABEL = 190 // the server names' column
const RIGHT = 70 // room for the value printed after the longest whisker
const BAR = 14
const GAP = 4
const GROUP_GAP = 12
const TOP = 46
const BOTTOM = 34
const COLORS = ['#2f6db5', '#9cc0e8', '#d08c2c', '#e8c99c']

const escapeXml = (text) =>
  String(text).replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char])

const text = (x, y, content, attributes = '') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}"${attributes}>${escapeXml(content)}</text>`

/** A tick step giving about five ticks up to `top`. */
function step(top) {
  const raw = top / 5
  const power = 10 ** Math.floor(Math.log10(raw))
  return [1, 2, 2.5, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw)
}

/**
 * `{ title, note, series: [label…], rows: [{ name, values: [{ median, min, max } | null…] }] }`
 * as an SVG document. A value that is null or not finite is drawn as "not measured".
 */
export function barChart({ title, note = '', series, rows }) {
  const finite = rows.flatMap((row) => row.values.filter((value) => value && Number.isFinite(value.median)))
  const top = Math.max(1.1, ...finite.map((value) => Math.max(value.median, value.max) * 1.05))
  const groupHeight = series.length * (BAR + GAP) - GAP
  const height = TOP + rows.length * (groupHeight + GROUP_GAP) + BOTTOM
  const plot = WIDTH - LABEL - RIGHT
  const x = (ratio) => LABEL + (ratio / top) * plot
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="12" role="img">`,
    // The accessible name of the chart (a screen reader reads the title first).
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    text(8, 18, title, ' font-size="14" font-weight="600"'),
    text(8, 34, note, ' fill="#555"'),
  ]
  const unit = step(top)
  for (let tick = 0; tick <= top + 1e-9; tick += unit) {
    parts.push(`<line x1="${x(tick)}" y1="${TOP - 4}" x2="${x(tick)}" y2="${height - BOTTOM}" stroke="#eee"/>`)
    parts.push(
      text(x(tick), height - BOTTOM + 14, `${tick.toFixed(unit < 0.1 ? 2 : 1)}×`, ' text-anchor="middle" fill="#555"'),
    )
  }
  rows.forEach((row, index) => {
    const y0 = TOP + index * (groupHeight + GROUP_GAP)
    parts.push(text(LABEL - 8, y0 + groupHeight / 2 + 4, row.name, ' text-anchor="end"'))
    row.values.forEach((value, which) => {
      const y = y0 + which * (BAR + GAP)
      if (!value || !Number.isFinite(value.median)) {
        parts.push(text(LABEL + 4, y + BAR - 3, 'not measured', ' fill="#999"'))
        return
      }
      const color = COLORS[which % COLORS.length]
      parts.push(
        `<rect x="${LABEL}" y="${y}" width="${(x(value.median) - LABEL).toFixed(1)}" height="${BAR}" fill="${color}"/>`,
      )
      const [low, high] = [x(value.min), x(value.max)]
      const middle = y + BAR / 2
      parts.push(
        `<path d="M${low.toFixed(1)} ${middle}H${high.toFixed(1)}M${low.toFixed(1)} ${y + 3}V${y + BAR - 3}M${high.toFixed(1)} ${y + 3}V${y + BAR - 3}" stroke="#222" fill="none"/>`,
      )
      parts.push(text(Math.max(high, x(value.median)) + 5, y + BAR - 3, `${value.median.toFixed(2)}×`))
    })
  })
  parts.push(
    `<line x1="${x(1)}" y1="${TOP - 8}" x2="${x(1)}" y2="${height - BOTTOM}" stroke="#c00" stroke-dasharray="4 3"/>`,
  )
  // The legend, under the axis labels.
  let legendX = LABEL
  series.forEach((label, which) => {
    parts.push(
      `<rect x="${legendX}" y="${height - 14}" width="10" height="10" fill="${COLORS[which % COLORS.length]}"/>`,
    )
    parts.push(text(legendX + 14, height - 5, label))
    legendX += 24 + label.length * 6.5
  })
  parts.push('</svg>')
  return `${parts.join('\n')}\n`
}
