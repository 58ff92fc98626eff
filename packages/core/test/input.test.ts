import { createInput, emptyInput } from '@tsgi/core'
import { describe, expect, it } from 'vitest'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

async function* chunks(...texts: string[]): AsyncGenerator<Uint8Array> {
  for (const text of texts) yield bytes(text)
}

describe('createInput(open)', () => {
  it('does not call open before the first iteration', () => {
    let opened = 0
    createInput(() => {
      opened++
      return chunks('a')
    })
    expect(opened).toBe(0)
  })

  it('yields what the opened iterator yields', async () => {
    const input = createInput(() => chunks('a', 'bc'))
    const seen: string[] = []
    for await (const chunk of input) seen.push(new TextDecoder().decode(chunk))
    expect(seen).toEqual(['a', 'bc'])
  })

  it('throws a TypeError on a second iteration, without opening again', async () => {
    let opened = 0
    const input = createInput(() => {
      opened++
      return chunks('a')
    })
    for await (const _ of input) break
    expect(() => input[Symbol.asyncIterator]()).toThrow(TypeError)
    await expect(async () => {
      for await (const _ of input) {
      }
    }).rejects.toThrow(/iterated only once/)
    expect(opened).toBe(1)
  })

  it('stops the source when the consumer breaks', async () => {
    let returned = false
    const input = createInput(() => {
      const source = chunks('a', 'b', 'c')
      const stop = source.return.bind(source)
      source.return = (value) => {
        returned = true
        return stop(value)
      }
      return source
    })
    for await (const _ of input) break
    expect(returned).toBe(true)
  })

  it('throws a TypeError naming open and what it got', () => {
    expect(() => createInput(undefined as never)).toThrow(
      new TypeError('createInput(): open must be a function returning an async iterator, got undefined'),
    )
    expect(() => createInput(chunks('a') as never)).toThrow(/open must be a function.*got an (object|instance)/)
  })
})

describe('emptyInput', () => {
  it('ends at once, every time it is iterated', async () => {
    for (let round = 0; round < 2; round++) {
      let count = 0
      for await (const _ of emptyInput) count++
      expect(count).toBe(0)
    }
  })

  it('cannot be changed by one request for the next', () => {
    expect(Object.isFrozen(emptyInput)).toBe(true)
    expect(() => {
      ;(emptyInput as { [Symbol.asyncIterator]: unknown })[Symbol.asyncIterator] = null
    }).toThrow(TypeError)
  })

  it('hands out a done result that cannot be altered', async () => {
    const first = await emptyInput[Symbol.asyncIterator]().next()
    expect(first).toEqual({ done: true, value: undefined })
    expect(() => {
      ;(first as { done: boolean }).done = false
    }).toThrow(TypeError)
    expect((await emptyInput[Symbol.asyncIterator]().next()).done).toBe(true)
  })
})
