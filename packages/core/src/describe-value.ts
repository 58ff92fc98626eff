/**
 * Shows a received value in an error message: strings quoted (cut at 80 characters), arrays,
 * byte arrays, functions and objects by kind, so a `TypeError` says what it got without dumping a
 * whole object (or its secrets). Every `@tsgi/*` package words its argument errors with it.
 *
 * @example
 * throw new TypeError(`router(): routes must be an array, got ${describeValue(routes)}`)
 * // router(): routes must be an array, got an object
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)
  if (value === null) return 'null'
  if (Array.isArray(value)) return `an array of length ${value.length}`
  if (value instanceof Uint8Array) return `a ${value.constructor.name} of ${value.length} bytes`
  if (typeof value === 'function') return `a function${value.name ? ` (${value.name})` : ''}`
  if (typeof value === 'object') {
    const name = (value as object).constructor?.name
    return name && name !== 'Object' ? `an instance of ${name}` : 'an object'
  }
  if (typeof value === 'bigint') return `${value}n`
  return String(value)
}
