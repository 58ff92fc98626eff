// Query strings for the parsing cells, and the answer every parser must give for each, as a
// null-prototype record of key → all values in order.

/** 16 characters, three fields. */
const short = 'a=1&b=hello&c=42'

/** 20 fields, some percent-encoded, some with `+` for a space. */
const fields20 = Array.from({ length: 20 }, (_, index) => {
  const value = index % 5 === 0 ? `hello%20world%21${index}` : index % 7 === 0 ? `a+b+${index}` : `value${index}`
  return `field${index}=${value}`
}).join('&')

/** About 4 KB: 100 fields over 60 keys (so some repeat), with UTF-8 escapes. */
const big = Array.from({ length: 100 }, (_, index) => {
  const value = `v${index}-caf%C3%A9-${'x'.repeat(index % 11)}-%E2%9C%93+ok`
  return `key${index % 60}=${value}`
}).join('&')

function decode(text) {
  return decodeURIComponent(text.replace(/\+/g, ' '))
}

/** The expected answer, computed once here by the plainest possible split. */
export function expectedOf(input) {
  const record = Object.create(null)
  for (const pair of input.split('&')) {
    const equals = pair.indexOf('=')
    const key = decode(pair.slice(0, equals))
    const value = decode(pair.slice(equals + 1))
    ;(record[key] ??= []).push(value)
  }
  return record
}

export const inputs = { short, fields20, big }
