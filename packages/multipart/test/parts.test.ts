import { isHTTPError } from '@tsgi/core'
import { MultipartLimitError, parts } from '@tsgi/multipart'
import { multipartBody } from '@tsgi/test'
import { describe, expect, it } from 'vitest'
import { bytes, chunked, collect, environOf, statusOf } from './helpers.js'

const TYPE = 'multipart/form-data; boundary=XyZ'
/** A body with boundary `XyZ` from its parts' raw text, browser style. */
const raw = (...sections: string[]) => `${sections.map((s) => `--XyZ\r\n${s}\r\n`).join('')}--XyZ--\r\n`
const field = (name: string, value: string) => `Content-Disposition: form-data; name="${name}"\r\n\r\n${value}`

describe('parts(environ, limits)', () => {
  it('yields fields and files in order with their names, file names, types and headers', async () => {
    const { body, contentType } = multipartBody([
      ['title', 'Holiday \u20ac'],
      { name: 'photo', filename: 'a.jpg', value: new Uint8Array([0, 13, 10, 45, 45, 255]), contentType: 'image/jpeg' },
      { name: 'notes', filename: 'n.txt', value: 'plain' },
      ['empty', ''],
    ])
    const { environ } = environOf([body], contentType)
    const seen = []
    for await (const part of parts(environ)) {
      seen.push({ name: part.name, filename: part.filename, type: part.contentType, bytes: [...(await part.bytes())] })
      expect(Object.getPrototypeOf(part.headers)).toBe(null)
      expect(part.headers['content-disposition']).toMatch(/^form-data; name=/)
    }
    expect(seen).toEqual([
      { name: 'title', filename: undefined, type: 'text/plain', bytes: [...bytes('Holiday \u20ac')] },
      { name: 'photo', filename: 'a.jpg', type: 'image/jpeg', bytes: [0, 13, 10, 45, 45, 255] },
      { name: 'notes', filename: 'n.txt', type: 'application/octet-stream', bytes: [...bytes('plain')] },
      { name: 'empty', filename: undefined, type: 'text/plain', bytes: [] },
    ])
  })

  it('ignores a preamble, transport padding after a boundary and the epilogue, which it never reads', async () => {
    const text = `preamble\r\n--XyZ \t\r\n${field('a', '1')}\r\n--XyZ\r\n${field('b', '2')}\r\n--XyZ--  \r\nepilogue`
    const { environ, state } = environOf([text, 'more epilogue'], TYPE)
    expect(await collect(parts(environ))).toEqual([
      { name: 'a', filename: undefined, contentType: 'text/plain', text: '1' },
      { name: 'b', filename: undefined, contentType: 'text/plain', text: '2' },
    ])
    expect(state).toEqual({ pulled: 1, closed: true })
  })

  it('parses the next part only once the current one is consumed: a slow consumer holds the upload', async () => {
    const file = 'x'.repeat(30)
    const text = raw(`Content-Disposition: form-data; name="f"; filename="f.bin"\r\n\r\n${file}`, field('g', 'after'))
    const { environ, state } = environOf(chunked(bytes(text), 10), TYPE)
    const iterator = parts(environ)[Symbol.asyncIterator]()
    const first = (await iterator.next()).value!
    const pulledAtHead = state.pulled
    expect(pulledAtHead).toBeLessThanOrEqual(8) // the head only, not the 30-byte content and beyond
    const content = first[Symbol.asyncIterator]()
    for (let read = 0; read < 3; read++) {
      const before = state.pulled
      expect((await content.next()).done).toBe(false)
      expect(state.pulled - before).toBeLessThanOrEqual(1) // at most one chunk per read
    }
    expect(state.pulled).toBeLessThan(pulledAtHead + 3)
    const second = (await iterator.next()).value! // skips the rest of the file
    expect(second.name).toBe('g')
    expect(await second.text()).toBe('after')
    expect((await iterator.next()).done).toBe(true)
  })

  it('skips a part left unread, and refuses to read it afterwards', async () => {
    const { environ } = environOf([raw(field('a', 'skipped'), field('b', 'read'))], TYPE)
    const iterator = parts(environ)[Symbol.asyncIterator]()
    const a = (await iterator.next()).value!
    const b = (await iterator.next()).value!
    expect(await b.text()).toBe('read')
    await expect(a.text()).rejects.toThrow(TypeError)
    expect(() => b[Symbol.asyncIterator]()).toThrow(/only once/)
  })

  it('closes the input when the consumer leaves early, reading no further', async () => {
    const { environ, state } = environOf([raw(field('a', '1')), 'x'.repeat(100), 'y'], TYPE)
    for await (const part of parts(environ)) {
      expect(part.name).toBe('a')
      break
    }
    expect(state).toEqual({ pulled: 1, closed: true })
  })

  it('answers 415 for another content type, before reading anything', async () => {
    for (const type of ['', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary="x']) {
      const { environ, state } = environOf([raw(field('a', '1'))], type)
      expect(await statusOf(collect(parts(environ)))).toBe(415)
      expect(state.pulled).toBe(0)
    }
  })

  it('answers 400 for a missing or invalid boundary, before reading anything', async () => {
    for (const type of [
      'multipart/form-data',
      'multipart/form-data; boundary=""',
      `multipart/form-data; boundary=${'a'.repeat(71)}`,
      'multipart/form-data; boundary="ends with space "',
      'multipart/form-data; boundary="semi;colon"',
    ]) {
      const { environ, state } = environOf([raw(field('a', '1'))], type)
      expect(await statusOf(collect(parts(environ))), type).toBe(400)
      expect(state.pulled).toBe(0)
    }
  })

  it('accepts a quoted boundary with the characters RFC 2046 allows', async () => {
    const boundary = "'()+_,-./:=? x"
    const { environ } = environOf(
      [`--${boundary}\r\n${field('a', '1')}\r\n--${boundary}--`],
      `multipart/form-data; boundary="${boundary}"`,
    )
    expect((await collect(parts(environ))).map((p) => p.text)).toEqual(['1'])
  })

  it('answers 400 for malformed bodies and ends the read at once', async () => {
    const cases: Record<string, string> = {
      'no final delimiter': `--XyZ\r\n${field('a', '1')}\r\n`,
      'truncated content': `--XyZ\r\n${field('a', '1')}`,
      'truncated headers': '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n',
      'no delimiter at all': 'just text',
      'no Content-Disposition': raw('Content-Type: text/plain\r\n\r\nx'),
      'no headers': raw('\r\nx'),
      'not form-data': raw('Content-Disposition: attachment; name="a"\r\n\r\nx'),
      'no name': raw('Content-Disposition: form-data; filename="a"\r\n\r\nx'),
      'two dispositions': raw(`Content-Disposition: form-data; name="a"\r\n${field('b', 'x')}`),
      'repeated name parameter': raw('Content-Disposition: form-data; name="a"; name="b"\r\n\r\nx'),
      'unterminated quote': raw('Content-Disposition: form-data; name="a\r\n\r\nx'),
      'header without colon': raw('Content-Disposition: form-data; name="a"\r\nbogus\r\n\r\nx'),
      'folded header': raw('Content-Disposition: form-data;\r\n name="a"\r\n\r\nx'),
      'bad filename*': raw(`Content-Disposition: form-data; name="a"; filename*=UTF-8''%FF\r\n\r\nx`),
      'garbage after a boundary': `--XyZ\r\n${field('a', '1')}\r\n--XyZgarbage\r\n`,
      'one dash closing': `--XyZ\r\n${field('a', '1')}\r\n--XyZ-\r\n`,
    }
    for (const [label, text] of Object.entries(cases)) {
      const { environ, state } = environOf([text, 'never read'], TYPE)
      expect(await statusOf(collect(parts(environ))), label).toBe(400)
      expect(state.closed, label).toBe(true)
      expect(state.pulled, label).toBeLessThanOrEqual(2)
    }
  })

  it('fails every limit with a 413 naming it, exactly one past the limit and never truncating', async () => {
    const file = (name: string, size: number) =>
      `Content-Disposition: form-data; name="${name}"; filename="${name}.bin"\r\n\r\n${'f'.repeat(size)}`
    const cases: Array<[string, Record<string, number>, string, string]> = [
      ['fileSize', { fileSize: 5 }, raw(file('a', 5)), raw(file('a', 6))],
      ['fieldSize', { fieldSize: 3 }, raw(field('a', 'abc')), raw(field('a', 'abcd'))],
      ['files', { files: 1 }, raw(file('a', 1), field('x', '1')), raw(file('a', 1), file('b', 1))],
      [
        'fields',
        { fields: 2 },
        raw(field('a', '1'), field('b', '2')),
        raw(field('a', '1'), field('b', '2'), field('c', '3')),
      ],
      ['parts', { parts: 2 }, raw(field('a', '1'), file('b', 1)), raw(field('a', '1'), file('b', 1), field('c', '3'))],
      [
        'headerSize',
        { headerSize: field('a', '').length },
        raw(field('a', '')),
        raw('Content-Disposition: form-data; name="ab"\r\n\r\n'),
      ],
      [
        'headerPairs',
        { headerPairs: 2 },
        raw(`X-One: 1\r\n${field('a', '')}`),
        raw(`X-One: 1\r\nX-Two: 2\r\n${field('a', '')}`),
      ],
    ]
    for (const [limit, limits, fits, over] of cases) {
      const ok = environOf([fits], TYPE)
      expect(await statusOf(collect(parts(ok.environ, limits))), `${limit} at the limit`).toBe(200)
      const bad = environOf([over, 'never read'], TYPE)
      const error = await collect(parts(bad.environ, limits)).catch((e: unknown) => e)
      expect(error, limit).toBeInstanceOf(MultipartLimitError)
      expect(isHTTPError(error) && error.status).toBe(413)
      expect((error as MultipartLimitError).limit).toBe(limit)
      expect((error as Error).message).toContain(`${limit} limit`)
      expect(bad.state).toEqual({ pulled: 1, closed: true })
    }
  })

  it('counts a skipped part against its size limit, since its bytes are read', async () => {
    const { environ } = environOf([raw(field('a', 'x'.repeat(20)), field('b', '1'))], TYPE)
    const error = await (async () => {
      for await (const part of parts(environ, { fieldSize: 10 })) void part
    })().catch((e: unknown) => e)
    expect((error as MultipartLimitError).limit).toBe('fieldSize')
  })

  it('throws the same error again to a caller that goes on after a failure', async () => {
    const { environ } = environOf([raw(field('a', 'x'.repeat(20)))], TYPE)
    const iterator = parts(environ, { fieldSize: 10 })[Symbol.asyncIterator]()
    const part = (await iterator.next()).value!
    const error = await part.text().catch((e: unknown) => e)
    expect((error as MultipartLimitError).limit).toBe('fieldSize')
    await expect(iterator.next()).rejects.toBe(error)
  })

  it('checks its arguments when called', () => {
    expect(() => parts(null as never)).toThrow(/environ must be an environ object, got null/)
    expect(() => parts({ CONTENT_TYPE: TYPE } as never)).toThrow(/tsgi.input/)
    const { environ } = environOf([], TYPE)
    expect(() => parts(environ, { fileSize: -1 })).toThrow(RangeError)
    expect(() => parts(environ, { files: '3' as never })).toThrow(/files must be a number, got "3"/)
    expect(() => parts(environ, { fields: Number.POSITIVE_INFINITY })).not.toThrow()
  })
})
