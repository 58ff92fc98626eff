/** Markup that is already safe: what {@link html} returns, and what it inserts without escaping. */
export class Markup {
  readonly text: string
  constructor(text: string) {
    this.text = text
  }
  toString(): string {
    return this.text
  }
}

/** What may go into an {@link html} template: text (escaped), markup (as is), lists of either, or nothing. */
export type Interpolation = string | number | Markup | null | undefined | false | readonly Interpolation[]

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for an HTML element or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!)
}

/**
 * The only way the pages make HTML: every interpolated string is escaped, so a file named
 * `<script>` is shown, never run. Markup from another `html` template goes in as is; `null`,
 * `undefined` and `false` go in as nothing, and arrays are joined.
 *
 * @example
 * html`<li>${file.name}</li>` // file.name = '<b>' → <li>&lt;b&gt;</li>
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  let out = strings[0]!
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!
  return new Markup(out)
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return ''
  if (value instanceof Markup) return value.text
  if (Array.isArray(value)) return value.map(render).join('')
  return escapeHtml(String(value))
}
