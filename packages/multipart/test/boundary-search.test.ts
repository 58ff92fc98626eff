import { parts } from '@tsgi/multipart'
import { multipartBody } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { MultipartReader } from '../src/_internal/multipart-reader.js'
import { resolveLimits } from '../src/limits.js'
import { bytes, chunked, collect, environOf } from './helpers.js'

const BOUNDARY = '----WebKitFormBoundary7MA4YWxkTrZu0gW'
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`
const UNLIMITED = resolveLimits('test', { fileSize: Number.POSITIVE_INFINITY })

/** Content that looks like the delimiter as much as possible without being it. */
const adversarial: Record<string, string> = {
  'near-delimiters': `\r\n--${BOUNDARY.slice(0, -1)}X`.repeat(300),
  'delimiter without CRLF': `--${BOUNDARY}`.repeat(300),
  'delimiters with a wrong first byte': `X\n--${BOUNDARY}`.repeat(300),
  "the delimiter's last byte": BOUNDARY.at(-1)!.repeat(10_000),
  'CR runs': '\r'.repeat(10_000),
  'CRLF runs': '\r\n'.repeat(5_000),
  'CRLF dashes': '\r\n--'.repeat(3_000),
  'every prefix': Array.from({ length: BOUNDARY.length + 4 }, (_, k) => `\r\n--${BOUNDARY}`.slice(0, k)).join('x'),
}

// A boundary of one repeated byte makes a skip loop's shifts as short as they get (one byte), the
// worst case of a Horspool search that compares from the end.
const REPEATED = 'a'.repeat(70)
const repeated: Record<string, string> = {
  'the boundary byte': 'a'.repeat(20_000),
  'the delimiter without its CR': `\n--${REPEATED}`.repeat(200),
  'dashes and the boundary byte': '-a'.repeat(10_000),
}

/** Reads a whole body through the reader in `chunks`, returning the parts' text and the work per byte. */
async function readCounting(chunks: Uint8Array[], boundary = BOUNDARY) {
  const { environ } = environOf(chunks, `multipart/form-data; boundary=${boundary}`)
  const reader = new MultipartReader(environ['tsgi.input'][Symbol.asyncIterator](), boundary, UNLIMITED)
  const texts: string[] = []
  const decoder = new TextDecoder()
  for (;;) {
    const part = {}
    const head = await reader.nextPart(part)
    if (head === undefined) break
    let text = ''
    for (let data = await reader.nextData(part); data !== null; data = await reader.nextData(part)) {
      text += decoder.decode(data, { stream: true })
    }
    texts.push(text)
  }
  const size = chunks.reduce((n, c) => n + c.length, 0)
  return { texts, perByte: reader.work / size }
}

describe('the delimiter search', () => {
  const cases = [
    ...Object.entries(adversarial).map(([label, content]) => [label, content, BOUNDARY] as const),
    ...Object.entries(repeated).map(
      ([label, content]) => [`${label} (boundary ${REPEATED})`, content, REPEATED] as const,
    ),
  ]
  for (const [label, content, boundary] of cases) {
    it(`is linear on ${label}: at most 3 reads per byte, in one chunk and in 1-byte chunks`, async () => {
      // Built by hand: the test client refuses a boundary that occurs in a value, even mid-line.
      const body = bytes(
        `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="f"\r\n\r\n${content}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="after"\r\n\r\nok\r\n--${boundary}--\r\n`,
      )
      for (const size of [body.length, 1, 7, 64]) {
        const { texts, perByte } = await readCounting(chunked(body, size), boundary)
        expect(texts).toEqual([content, 'ok'])
        expect(perByte, `chunks of ${size}`).toBeLessThanOrEqual(3)
      }
    })
  }

  it('finds every delimiter whatever chunk position cuts it', async () => {
    const fields: Array<[string, string]> = [
      ['a', `x\r\n--${BOUNDARY.slice(0, 10)}`],
      ['b', ''],
      ['c', '\r'],
    ]
    const { body } = multipartBody([...fields, { name: 'f', filename: 'f.bin', value: '\r\n-\r\n--' }], {
      boundary: BOUNDARY,
    })
    const expected = [...fields.map(([, v]) => v), '\r\n-\r\n--']
    for (let cut = 1; cut < body.length; cut++) {
      const { environ } = environOf([body.subarray(0, cut), body.subarray(cut)], TYPE)
      expect(
        (await collect(parts(environ))).map((p) => p.text),
        `cut at ${cut}`,
      ).toEqual(expected)
    }
    for (let cut = 1; cut < body.length - 2; cut += 3) {
      const three = [body.subarray(0, cut), body.subarray(cut, cut + 2), body.subarray(cut + 2)]
      const { environ } = environOf(three, TYPE)
      expect((await collect(parts(environ))).map((p) => p.text)).toEqual(expected)
    }
    const { environ } = environOf(chunked(body, 1), TYPE)
    expect((await collect(parts(environ))).map((p) => p.text)).toEqual(expected)
  })

  it('passes content through as views of the input chunks, without copying', async () => {
    const content = bytes('y'.repeat(1000))
    const { body } = multipartBody([{ name: 'f', filename: 'f', value: content }], { boundary: BOUNDARY })
    const { environ } = environOf([body], TYPE)
    for await (const part of parts(environ)) {
      for await (const chunk of part) expect(chunk.buffer).toBe(body.buffer)
    }
  })
})
