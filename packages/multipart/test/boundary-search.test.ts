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
  'CR runs': '\r'.repeat(10_000),
  'CRLF runs': '\r\n'.repeat(5_000),
  'CRLF dashes': '\r\n--'.repeat(3_000),
  'every prefix': Array.from({ length: BOUNDARY.length + 4 }, (_, k) => `\r\n--${BOUNDARY}`.slice(0, k)).join('x'),
}

/** Reads a whole body through the reader in `chunks`, returning the parts' text and the work per byte. */
async function readCounting(chunks: Uint8Array[]) {
  const { environ } = environOf(chunks, TYPE)
  const reader = new MultipartReader(environ['tsgi.input'][Symbol.asyncIterator](), BOUNDARY, UNLIMITED)
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
  for (const [label, content] of Object.entries(adversarial)) {
    it(`is linear on ${label}: at most 2 steps per byte, in one chunk and in 1-byte chunks`, async () => {
      // Built by hand: the test client refuses a boundary that occurs in a value, even mid-line.
      const body = bytes(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="f"; filename="f"\r\n\r\n${content}\r\n` +
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="after"\r\n\r\nok\r\n--${BOUNDARY}--\r\n`,
      )
      for (const size of [body.length, 1, 7, 64]) {
        const { texts, perByte } = await readCounting(chunked(body, size))
        expect(texts).toEqual([content, 'ok'])
        expect(perByte, `chunks of ${size}`).toBeLessThanOrEqual(2)
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
