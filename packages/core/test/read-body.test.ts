import { createInput, DEFAULT_BODY_LIMIT, emptyInput, HTTPError, PayloadTooLarge, readBody } from '@tsgi/core'
import { describe, expect, it } from 'vitest'

interface Source {
  input: AsyncIterable<Uint8Array>
  log: string[]
}

/** An input over `sizes` chunks of bytes that records open, each read and return. */
function source(sizes: number[]): Source {
  const log: string[] = []
  const input = createInput(() => {
    log.push('open')
    let index = 0
    return {
      async next() {
        if (index >= sizes.length) return { done: true, value: undefined }
        const size = sizes[index++]!
        log.push(`read ${size}`)
        return { done: false, value: new Uint8Array(size).fill(index) }
      },
      async return() {
        log.push('return')
        return { done: true, value: undefined }
      },
    }
  })
  return { input, log }
}

const environ = (input: AsyncIterable<Uint8Array>, contentLength = '') => ({
  'tsgi.input': input,
  CONTENT_LENGTH: contentLength,
})

describe('readBody(environ, options)', () => {
  it('has a default limit of 1 MiB', () => {
    expect(DEFAULT_BODY_LIMIT).toBe(1024 * 1024)
  })

  it('joins several chunks into one, in order', async () => {
    const { input } = source([2, 3, 1])
    const body = await readBody(environ(input))
    expect([...body]).toEqual([1, 1, 2, 2, 2, 3])
  })

  it('returns a single chunk as it is, without copying', async () => {
    const chunk = new Uint8Array([1, 2, 3])
    const input = createInput(async function* () {
      yield chunk
    })
    expect(await readBody(environ(input))).toBe(chunk)
  })

  it('returns an empty array for an empty body', async () => {
    const body = await readBody(environ(emptyInput))
    expect(body).toBeInstanceOf(Uint8Array)
    expect(body.length).toBe(0)
  })

  it('accepts a body of exactly the limit', async () => {
    const { input } = source([4, 4])
    expect((await readBody(environ(input, '8'), { limit: 8 })).length).toBe(8)
  })

  it('rejects a declared CONTENT_LENGTH over the limit before reading anything', async () => {
    const { input, log } = source([10])
    const read = readBody(environ(input, '11'), { limit: 10 })
    await expect(read).rejects.toBeInstanceOf(PayloadTooLarge)
    await expect(read).rejects.toMatchObject({ status: 413, expose: true })
    expect(log).toEqual([])
  })

  it('rejects a declared CONTENT_LENGTH over the default limit before reading anything', async () => {
    const { input, log } = source([1])
    await expect(readBody(environ(input, String(DEFAULT_BODY_LIMIT + 1)))).rejects.toThrow(PayloadTooLarge)
    expect(log).toEqual([])
  })

  it('stops reading a body that grows past the limit and returns the source', async () => {
    const { input, log } = source([4, 4, 4, 4])
    const error = await readBody(environ(input), { limit: 6 }).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(HTTPError)
    expect((error as HTTPError).status).toBe(413)
    expect(log).toEqual(['open', 'read 4', 'read 4', 'return'])
  })

  it('rejects as the input rejects, for a truncated body', async () => {
    const input = createInput(async function* () {
      yield new Uint8Array(2)
      throw new Error('truncated')
    })
    await expect(readBody(environ(input))).rejects.toThrow('truncated')
  })

  it('with limit 0 accepts only an empty body', async () => {
    expect((await readBody(environ(emptyInput), { limit: 0 })).length).toBe(0)
    await expect(readBody(environ(source([1]).input), { limit: 0 })).rejects.toThrow(PayloadTooLarge)
  })

  it('throws a TypeError naming tsgi.input and what it got', async () => {
    await expect(readBody({ 'tsgi.input': 'body', CONTENT_LENGTH: '' } as never)).rejects.toThrow(
      new TypeError(`readBody(): environ['tsgi.input'] must be an async iterable, got "body"`),
    )
    await expect(readBody({ 'tsgi.input': [new Uint8Array(1)] } as never)).rejects.toThrow(/got an array of length 1/)
    await expect(readBody(null as never)).rejects.toThrow(
      new TypeError('readBody(): environ must be an environ object, got null'),
    )
  })

  it('throws a TypeError for options that are not an object', async () => {
    await expect(readBody(environ(emptyInput), null as never)).rejects.toThrow(
      new TypeError('readBody(): options must be an object, got null'),
    )
  })

  it('throws a RangeError naming options.limit and what it got', async () => {
    for (const limit of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '10']) {
      await expect(readBody(environ(emptyInput), { limit: limit as number })).rejects.toThrow(RangeError)
    }
    await expect(readBody(environ(emptyInput), { limit: -1 })).rejects.toThrow(
      new RangeError('readBody(): options.limit must be a non-negative integer, got -1'),
    )
  })
})
